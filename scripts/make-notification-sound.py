#!/usr/bin/env python3
"""Writes the library's notification sound, resources/sounds/message.wav: two soft sine notes
(E6 then A6) with short fades, 0.3 s, mono 16-bit at 22.05 kHz. Run it again to change the sound;
the output is the same every time, so the committed file only changes when this script does."""
import math
import struct
import sys
import wave
from pathlib import Path

RATE = 22050
NOTES = [(1318.5, 0.0, 0.14), (1760.0, 0.11, 0.30)]  # (frequency Hz, start s, end s)
LENGTH = 0.30
VOLUME = 0.35


def sample(t):
    value = 0.0
    for frequency, start, end in NOTES:
        if start <= t < end:
            local = t - start
            span = end - start
            attack = min(1.0, local / 0.008)          # no click at the start
            decay = math.exp(-5.0 * local / span)     # a bell-like fall
            release = min(1.0, (end - t) / 0.02)      # nor at the end
            value += math.sin(2 * math.pi * frequency * local) * attack * decay * release
    return max(-1.0, min(1.0, value * VOLUME))


def main():
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else \
        Path(__file__).resolve().parent.parent / "resources" / "sounds" / "message.wav"
    out.parent.mkdir(parents=True, exist_ok=True)
    frames = b"".join(struct.pack("<h", int(round(sample(i / RATE) * 32767)))
                      for i in range(int(RATE * LENGTH)))
    with wave.open(str(out), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(RATE)
        wav.writeframes(frames)
    print(out)


if __name__ == "__main__":
    main()
