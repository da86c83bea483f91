#include "developerpanel.h"

#include <owidget/controller.h>

#include <QCheckBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMetaEnum>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTime>
#include <QVBoxLayout>

#include <cstdio>

using namespace Qt::StringLiterals;
using OWidget::Controller;

namespace {

// The demo's own normalizer, to show the hook: digits only, with a made-up "+999" prefix.
std::optional<QString> demoNormalization(const QString &phoneNumber)
{
    QString digits;
    for (const QChar c : phoneNumber) {
        if (c.isDigit())
            digits.append(c);
        else if (!c.isSpace() && c != u'-')
            return std::nullopt;
    }
    if (digits.size() < 6)
        return std::nullopt;
    return u"+999 "_s + digits;
}

QPushButton *button(const QString &text, QWidget *parent)
{
    auto *b = new QPushButton(text, parent);
    b->setAutoDefault(false);
    return b;
}

// An API name as it is written, also in a right-to-left layout: left-to-right marks at its ends
// keep its parentheses after the name instead of before it.
QString apiName(const QString &name)
{
    const QChar mark(0x200E); // LEFT-TO-RIGHT MARK
    return mark + name + mark;
}

} // namespace

DeveloperPanel::DeveloperPanel(
    Controller *controller, const DemoSettings &settings, QWidget *parent)
    : QWidget(parent)
    , m_controller(controller)
    , m_server(new QLineEdit(settings.server.toString(), this))
    , m_company(new QLineEdit(settings.company, this))
    , m_preset(new QLineEdit(settings.preset, this))
    , m_language(new QLineEdit(settings.language, this))
    , m_scope(new QLineEdit(settings.scope, this))
    , m_dataName(new QLineEdit(u"customerNo"_s, this))
    , m_dataValue(new QLineEdit(u"C-1042"_s, this))
    , m_customNormalization(new QCheckBox(tr("Custom phone normalization"), this))
    , m_phone(new QLineEdit(u"777 666 555"_s, this))
    , m_phoneResult(new QLabel(this))
    , m_log(new QPlainTextEdit(this))
{
    setObjectName(u"developerPanel"_s);
    m_preset->setPlaceholderText(tr("default preset"));
    m_language->setPlaceholderText(tr("the application's: %1").arg(QLocale().bcp47Name()));
    m_scope->setPlaceholderText(tr("none"));
    m_log->setReadOnly(true);
    m_log->setObjectName(u"eventLog"_s);
    m_log->setMaximumBlockCount(2000);
    // The whole company id in view, however long the labels beside it are in the language.
    m_company->setMinimumWidth(m_company->fontMetrics().horizontalAdvance(settings.company)
        + 2 * m_company->fontMetrics().averageCharWidth() + 8);

    // The API's names stay as they are in every language; the rest is translated.
    auto *initBox
        = new QGroupBox(apiName(u"init(companyId, widgetPreset, language, scope)"_s), this);
    auto *initForm = new QFormLayout(initBox);
    initForm->addRow(tr("Server"), m_server);
    initForm->addRow(tr("Company id"), m_company);
    initForm->addRow(tr("Preset"), m_preset);
    initForm->addRow(tr("Language"), m_language);
    initForm->addRow(tr("Scope"), m_scope);
    auto *connectButton = button(apiName(u"init + connectToServer()"_s), initBox);
    auto *disconnectButton = button(tr("Disconnect"), initBox);
    auto *connectRow = new QHBoxLayout;
    connectRow->addWidget(connectButton);
    connectRow->addWidget(disconnectButton);
    initForm->addRow(connectRow);

    auto *chatBox = new QGroupBox(tr("Chat window"), this);
    auto *chatRow = new QHBoxLayout(chatBox);
    auto *openButton = button(apiName(u"openChat()"_s), chatBox);
    auto *closeButton = button(apiName(u"closeChat()"_s), chatBox);
    chatRow->addWidget(openButton);
    chatRow->addWidget(closeButton);

    auto *dataBox = new QGroupBox(apiName(u"addCustomData(name, value)"_s), this);
    auto *dataRow = new QHBoxLayout(dataBox);
    auto *addDataButton = button(tr("Add"), dataBox);
    dataRow->addWidget(m_dataName);
    dataRow->addWidget(m_dataValue);
    dataRow->addWidget(addDataButton);

    auto *phoneBox = new QGroupBox(apiName(u"normalizePhoneNumber()"_s), this);
    auto *phoneForm = new QFormLayout(phoneBox);
    phoneForm->addRow(m_customNormalization);
    phoneForm->addRow(tr("Number"), m_phone);
    phoneForm->addRow(tr("Result"), m_phoneResult);
    m_phoneResult->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(initBox);
    layout->addWidget(chatBox);
    layout->addWidget(dataBox);
    layout->addWidget(phoneBox);
    layout->addWidget(new QLabel(tr("Events"), this));
    layout->addWidget(m_log, 1);

    connect(connectButton, &QPushButton::clicked, this, &DeveloperPanel::initAndConnect);
    connect(disconnectButton, &QPushButton::clicked, controller, &Controller::disconnectFromServer);
    connect(openButton, &QPushButton::clicked, controller, &Controller::openChat);
    connect(closeButton, &QPushButton::clicked, controller, &Controller::closeChat);
    connect(addDataButton, &QPushButton::clicked, this, [this] {
        m_controller->addCustomData(m_dataName->text(), m_dataValue->text());
        log(u"addCustomData(%1, %2)"_s.arg(m_dataName->text(), m_dataValue->text()));
    });
    connect(m_customNormalization, &QCheckBox::toggled, this, [this](bool on) {
        m_controller->setCustomNumberNormalization(
            on ? demoNormalization : Controller::NumberNormalization());
        log(on ? u"setCustomNumberNormalization(demo)"_s
               : u"setCustomNumberNormalization(null): libphonenumber"_s);
        updatePhonePreview();
    });
    connect(m_phone, &QLineEdit::textChanged, this, &DeveloperPanel::updatePhonePreview);
    connect(controller, &Controller::configLoaded, this, &DeveloperPanel::updatePhonePreview);

    // The seed's callbacks, logged by their seed names and codes.
    controller->setAppEventCallback([this](const OWidget::AppEvent &event) {
        QString line = u"appEvent: "_s + event.typeName();
        if (event.type == OWidget::AppEvent::Type::ChatSessionCreated)
            line += u" (place in queue %1)"_s.arg(event.queuePosition);
        if (event.type == OWidget::AppEvent::Type::ChatSessionStarted)
            line += u" (operator %1)"_s.arg(event.operatorName);
        log(line);
    });
    controller->setStatusUpdateCallback(
        [this](OWidget::ButtonStatus code) { log(u"statusUpdate: %1"_s.arg(int(code))); });
    connect(controller, &Controller::errorOccurred, this, [this](const OWidget::Error &error) {
        // A stored conversation the server no longer knows (its database was reset, or the
        // conversation expired) is no failure: the controller forgets it and starts clean.
        if (error.code == OWidget::Error::Code::ResumeRejected) {
            const QString said
                = error.message.endsWith(u'.') ? error.message : error.message + u'.';
            log(u"notice %1: %2 A new conversation starts when the visitor writes."_s
                    .arg(int(error.code))
                    .arg(said));
            return;
        }
        log(u"error %1: %2"_s.arg(int(error.code)).arg(error.message));
    });
    connect(controller, &Controller::connectionStateChanged, this,
        [this](OWidget::ConnectionState state) {
            log(u"connection: %1"_s.arg(QString::fromLatin1(
                QMetaEnum::fromType<OWidget::ConnectionState>().valueToKey(int(state)))));
        });
    connect(controller, &Controller::languageChanged, this,
        [this](const QString &language) { log(u"language: "_s + language); });
    updatePhonePreview();
}

void DeveloperPanel::initAndConnect()
{
    m_controller->setServerUrl(QUrl::fromUserInput(m_server->text()));
    log(u"init(%1, %2, %3, %4)"_s.arg(
        m_company->text(), m_preset->text(), m_language->text(), m_scope->text()));
    if (m_controller->init(
            m_company->text(), m_preset->text(), m_language->text(), m_scope->text())) {
        log(u"connectToServer()"_s);
        m_controller->connectToServer();
    }
}

// Each line also goes to standard output, so that a run from a terminal or a script (with
// --screenshot, where nobody reads the window) keeps a record of what happened.
void DeveloperPanel::log(const QString &line)
{
    const QString entry = QTime::currentTime().toString(u"HH:mm:ss.zzz"_s) + u"  "_s + line;
    m_log->appendPlainText(entry);
    std::fprintf(stdout, "%s\n", qUtf8Printable(entry));
    std::fflush(stdout);
}

void DeveloperPanel::updatePhonePreview()
{
    const auto normalized = m_controller->normalizePhoneNumber(m_phone->text());
    m_phoneResult->setText(normalized ? *normalized : tr("null (not a valid number)"));
}
