// owidget-test-visitor: a visitor made of the real OWidget::Controller, driven by a test over
// stdin and stdout with one JSON object a line. The console's browser test plays the operator in
// Chromium and this program plays the person in the Qt application.
//
//   owidget-test-visitor --server URL --company GUID [--preset P] [--language L] [--scope S]
//
// Out (stdout), one line per event:
//   {"event":"status","code":1}                                   the status callback
//   {"event":"app","type":"chatSessionCreated","queuePosition":1}   the app event callback
//   {"event":"message","sender":"operator","name":"Alice","text":"…","seq":3}
//   {"event":"delivered","clientId":"…","seq":4}
//   {"event":"typing","active":true}                              the operator's typing
//   {"event":"error","code":300,"name":"NetworkError","message":"…"}
//   {"event":"state","connection":"Connected"}
//   {"event":"chat","state":"Waiting"}, {"event":"queue","position":2}, {"event":"config",…}
//   {"event":"reply","cmd":"start","ok":true}                       the answer to a command
//   {"event":"badCommand","line":"…","reason":"…"}
// In (stdin), one command per line:
//   {"cmd":"start","fields":{…}}, {"cmd":"send","text":"…"}, {"cmd":"typing","active":true},
//   {"cmd":"end"}, {"cmd":"open"}, {"cmd":"close"}, {"cmd":"quit"}
// The end of stdin quits too, so the program never outlives the test that drives it.
#include <owidget/controller.h>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMetaEnum>
#include <QSocketNotifier>
#include <QStandardPaths>

#include <cerrno>
#include <cstdio>
#include <unistd.h>

using namespace Qt::StringLiterals;
using OWidget::AppEvent;
using OWidget::ButtonStatus;
using OWidget::ChatMessage;
using OWidget::Controller;

namespace {

template<typename Enum> QString enumKey(Enum value)
{
    return QString::fromLatin1(QMetaEnum::fromType<Enum>().valueToKey(int(value)));
}

void emitLine(const QJsonObject &object)
{
    const QByteArray line = QJsonDocument(object).toJson(QJsonDocument::Compact) + '\n';
    std::fwrite(line.constData(), 1, size_t(line.size()), stdout);
    std::fflush(stdout);
}

class Visitor : public QObject
{
public:
    explicit Visitor(Controller *controller)
        : m_controller(controller)
        , m_stdin(STDIN_FILENO, QSocketNotifier::Read)
    {
        connect(&m_stdin, &QSocketNotifier::activated, this, &Visitor::readInput);
        wireEvents();
    }

private:
    void wireEvents()
    {
        Controller *c = m_controller;
        c->setStatusUpdateCallback([](ButtonStatus code) {
            emitLine({ { u"event"_s, u"status"_s }, { u"code"_s, int(code) } });
        });
        c->setAppEventCallback([](const AppEvent &e) {
            QJsonObject line { { u"event"_s, u"app"_s }, { u"type"_s, e.typeName() } };
            if (e.type == AppEvent::Type::ChatSessionCreated)
                line.insert(u"queuePosition"_s, e.queuePosition);
            if (e.type == AppEvent::Type::ChatSessionStarted)
                line.insert(u"operator"_s, e.operatorName);
            emitLine(line);
        });
        connect(c, &Controller::messageAdded, this, [](const ChatMessage &m) {
            const bool fromOperator = m.sender == ChatMessage::Sender::Operator;
            QJsonObject line { { u"event"_s, u"message"_s },
                { u"sender"_s, fromOperator ? u"operator"_s : u"visitor"_s },
                { u"name"_s, m.senderName }, { u"text"_s, m.text }, { u"seq"_s, m.seq } };
            if (!m.clientId.isEmpty())
                line.insert(u"clientId"_s, m.clientId);
            emitLine(line);
        });
        connect(c, &Controller::messageDelivered, this, [](const QString &clientId, qint64 seq) {
            emitLine(
                { { u"event"_s, u"delivered"_s }, { u"clientId"_s, clientId }, { u"seq"_s, seq } });
        });
        connect(c, &Controller::operatorTypingChanged, this, [](bool typing) {
            emitLine({ { u"event"_s, u"typing"_s }, { u"active"_s, typing } });
        });
        connect(c, &Controller::errorOccurred, this, [](const OWidget::Error &e) {
            emitLine({ { u"event"_s, u"error"_s }, { u"code"_s, int(e.code) },
                { u"name"_s, enumKey(e.code) }, { u"message"_s, e.message } });
        });
        connect(c, &Controller::connectionStateChanged, this, [](OWidget::ConnectionState s) {
            emitLine({ { u"event"_s, u"state"_s }, { u"connection"_s, enumKey(s) } });
        });
        connect(c, &Controller::chatStateChanged, this, [](OWidget::ChatState s) {
            emitLine({ { u"event"_s, u"chat"_s }, { u"state"_s, enumKey(s) } });
        });
        connect(c, &Controller::queuePositionChanged, this, [](int position) {
            emitLine({ { u"event"_s, u"queue"_s }, { u"position"_s, position } });
        });
        connect(c, &Controller::configLoaded, this, [c] {
            QJsonArray fields;
            for (const OWidget::FormField &field : c->config().fields)
                fields.append(field.name);
            emitLine({ { u"event"_s, u"config"_s }, { u"preset"_s, c->preset() },
                { u"language"_s, c->language() }, { u"fields"_s, fields } });
        });
    }

    void readInput()
    {
        char buffer[4096];
        const ssize_t n = ::read(STDIN_FILENO, buffer, sizeof buffer);
        if (n < 0 && (errno == EINTR || errno == EAGAIN))
            return;
        if (n <= 0) { // the test closed our stdin, or went away: we go too
            m_stdin.setEnabled(false);
            quit();
            return;
        }
        m_pending.append(buffer, n);
        qsizetype end;
        while ((end = m_pending.indexOf('\n')) >= 0) {
            const QByteArray line = m_pending.left(end).trimmed();
            m_pending.remove(0, end + 1);
            if (!line.isEmpty())
                handle(line);
        }
    }

    static void reply(const QString &cmd, bool ok, const QJsonObject &extra = {})
    {
        QJsonObject line = extra;
        line.insert(u"event"_s, u"reply"_s);
        line.insert(u"cmd"_s, cmd);
        line.insert(u"ok"_s, ok);
        emitLine(line);
    }

    static void badCommand(const QByteArray &line, const QString &reason)
    {
        emitLine({ { u"event"_s, u"badCommand"_s }, { u"line"_s, QString::fromUtf8(line) },
            { u"reason"_s, reason } });
    }

    void handle(const QByteArray &line)
    {
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(line, &parseError);
        if (!document.isObject()) {
            badCommand(line,
                parseError.error != QJsonParseError::NoError ? parseError.errorString()
                                                             : u"not a JSON object"_s);
            return;
        }
        const QJsonObject command = document.object();
        const QString cmd = command.value(u"cmd"_s).toString();
        Controller *c = m_controller;
        if (cmd == "start"_L1) {
            if (!command.value(u"fields"_s).isObject() && command.contains(u"fields"_s)) {
                badCommand(line, u"'fields' must be an object"_s);
                return;
            }
            reply(cmd, c->startChat(command.value(u"fields"_s).toObject().toVariantMap()));
        } else if (cmd == "send"_L1) {
            if (!command.value(u"text"_s).isString()) {
                badCommand(line, u"'text' must be a string"_s);
                return;
            }
            const QString clientId = c->sendMessage(command.value(u"text"_s).toString());
            reply(cmd, !clientId.isEmpty(), { { u"clientId"_s, clientId } });
        } else if (cmd == "typing"_L1) {
            if (!command.value(u"active"_s).isBool()) {
                badCommand(line, u"'active' must be true or false"_s);
                return;
            }
            c->setTyping(command.value(u"active"_s).toBool());
            reply(cmd, true);
        } else if (cmd == "end"_L1) {
            c->endChat();
            reply(cmd, true);
        } else if (cmd == "open"_L1) {
            c->openChat();
            reply(cmd, true);
        } else if (cmd == "close"_L1) {
            c->closeChat();
            reply(cmd, true);
        } else if (cmd == "quit"_L1) {
            reply(cmd, true);
            quit();
        } else {
            badCommand(line, u"unknown command '%1'"_s.arg(cmd));
        }
    }

    void quit()
    {
        m_controller->disconnectFromServer();
        QCoreApplication::quit();
    }

    Controller *m_controller;
    QSocketNotifier m_stdin;
    QByteArray m_pending;
};

} // namespace

int main(int argc, char **argv)
{
    // Never the person's own stored conversations: Qt's test locations, under $HOME/.qttest.
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"owidget-test-visitor"_s);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"A visitor made of OWidget::Controller, driven with JSON lines on stdin and stdout."_s);
    parser.addHelpOption();
    const QCommandLineOption server(u"server"_s, u"The server's URL."_s, u"url"_s);
    const QCommandLineOption company(u"company"_s, u"The company id (a GUID)."_s, u"guid"_s);
    const QCommandLineOption preset(u"preset"_s, u"The widget preset."_s, u"name"_s);
    const QCommandLineOption language(u"language"_s, u"The language."_s, u"tag"_s);
    const QCommandLineOption scope(
        u"scope"_s, u"The scope of the stored conversation."_s, u"scope"_s);
    parser.addOptions({ server, company, preset, language, scope });
    parser.process(app);
    if (!parser.isSet(server) || !parser.isSet(company)) {
        std::fputs("owidget-test-visitor: --server and --company are required\n", stderr);
        return 2;
    }
    const QUrl serverUrl(parser.value(server), QUrl::StrictMode);
    if (!serverUrl.isValid()) {
        std::fprintf(
            stderr, "owidget-test-visitor: --server: %s\n", qPrintable(serverUrl.errorString()));
        return 2;
    }

    Controller controller;
    Visitor visitor(&controller);
    controller.setServerUrl(serverUrl);
    if (!controller.init(parser.value(company), parser.value(preset), parser.value(language),
            parser.value(scope))) {
        return 1; // errorOccurred has said why on stdout
    }
    controller.connectToServer();
    return app.exec();
}
