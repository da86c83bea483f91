# Loaded by Orca at start from its settings directory (screenreader-session.sh copies it there).
import os

from orca import debug

if debug.debugFile:
    # Orca writes its debug log through a buffer of several kilobytes and never flushes it: each
    # line goes out at once instead, so that the test sees what Orca said when it said it.
    debug.debugFile.reconfigure(line_buffering=True)

    # Everything Orca does, with each object it meets described at length, makes it fall seconds
    # behind the application. The log keeps what Orca says, and its errors; OWIDGET_ORCA_DEBUG=all
    # keeps everything, to find out why it said something else.
    if os.environ.get("OWIDGET_ORCA_DEBUG") != "all":
        _println = debug.println

        def println(level, text="", timestamp=False, *args, **kwargs):
            if isinstance(text, str) and text.startswith("SPEECH OUTPUT:"):
                level = debug.LEVEL_SEVERE
            return _println(level, text, timestamp, *args, **kwargs)

        debug.println = println
        debug.debugLevel = debug.LEVEL_SEVERE
