"""A speech server for Orca that says nothing: the a11y test reads what Orca would say from its
debug log ("SPEECH OUTPUT" lines), and a machine running the tests has no one to hear it (and
may have no speech-dispatcher or sound card). Named by speechServerFactory in
orca-settings.conf."""

from orca import speechserver


class SpeechServer(speechserver.SpeechServer):
    _server = None

    @staticmethod
    def getFactoryName():
        return "OWidget silent speech"

    @staticmethod
    def getSpeechServers():
        return [SpeechServer.getSpeechServer()]

    @staticmethod
    def getSpeechServer(info=None):
        if SpeechServer._server is None:
            SpeechServer._server = SpeechServer()
        return SpeechServer._server

    @staticmethod
    def shutdownActiveServers():
        SpeechServer._server = None

    def getInfo(self):
        return ["OWidget silent speech", "owidget-silent"]

    def getVoiceFamilies(self):
        return []
