#include "ratingpanel_p.h"

#include "accentbutton_p.h"
#include "accessibility_p.h"
#include "avatar_p.h"
#include "calls_p.h"

#include <owidget/controller.h>

#include <QButtonGroup>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace OWidget {

namespace {

constexpr int Stars = 5;
constexpr int FaceSize = 32;

bool isEnter(const QKeyEvent *key)
{
    return key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter;
}

} // namespace

RatingPanel::RatingPanel(QWidget *parent)
    : QFrame(parent)
    , m_group(new QButtonGroup(this))
    , m_announcer(new Announcer(this))
{
    setObjectName(u"owidgetRatingPanel"_s);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 12, 16, 4);
    layout->setSpacing(8);

    m_controls = new QWidget(this);
    m_controls->setObjectName(u"owidgetRatingControls"_s);
    auto *controls = new QVBoxLayout(m_controls);
    controls->setContentsMargins(0, 0, 0, 0);
    controls->setSpacing(8);
    // Whom the rating is about: the operator's face and name, as the header showed them.
    m_operator = new QWidget(m_controls);
    auto *operatorRow = new QHBoxLayout(m_operator);
    operatorRow->setContentsMargins(0, 0, 0, 0);
    operatorRow->setSpacing(8);
    m_face = new QLabel(m_operator);
    m_face->setObjectName(u"owidgetRatingOperatorFace"_s);
    m_face->setTextFormat(Qt::PlainText);
    m_face->setFixedSize(FaceSize, FaceSize);
    operatorRow->addWidget(m_face);
    m_operatorLine = new QLabel(m_operator);
    m_operatorLine->setObjectName(u"owidgetRatingOperator"_s);
    m_operatorLine->setTextFormat(Qt::PlainText);
    m_operatorLine->setWordWrap(true);
    operatorRow->addWidget(m_operatorLine, 1);
    m_operator->hide();
    controls->addWidget(m_operator);
    m_question = new QLabel(m_controls);
    m_question->setObjectName(u"owidgetRatingQuestion"_s);
    m_question->setTextFormat(Qt::PlainText);
    m_question->setWordWrap(true);
    controls->addWidget(m_question);
    m_scoreRow = new QHBoxLayout;
    m_scoreRow->setSpacing(4);
    controls->addLayout(m_scoreRow);
    m_group->setExclusive(true);
    connect(m_group, &QButtonGroup::buttonToggled, this, [this](QAbstractButton *, bool on) {
        if (!on)
            return;
        // Stars fill up to the one chosen; the chosen one is the one Tab comes back to.
        const int chosen = chosenScore();
        for (qsizetype i = 0; i < m_scores.size(); ++i) {
            QAbstractButton *button = m_scores.at(i);
            if (m_kind == PresetConfig::Rating::Stars)
                button->setText(i + 1 <= chosen ? u"\u2605"_s : u"\u2606"_s);
            button->setFocusPolicy(button->isChecked() ? Qt::StrongFocus : Qt::ClickFocus);
        }
        m_send->setEnabled(true);
        m_error->hide();
        Q_EMIT tabChainChanged();
    });

    m_comment = new QLineEdit(m_controls);
    m_comment->setObjectName(u"owidgetRatingComment"_s);
    m_comment->setMaxLength(1000); // the protocol's MaxRatingCommentLength, in UTF-16 units
    m_comment->installEventFilter(this);
    controls->addWidget(m_comment);
    m_error = new QLabel(m_controls);
    m_error->setObjectName(u"owidgetRatingError"_s);
    m_error->setTextFormat(Qt::PlainText);
    m_error->setWordWrap(true);
    m_error->hide();
    controls->addWidget(m_error);
    auto *buttons = new QHBoxLayout;
    buttons->setSpacing(8);
    m_skip = new QPushButton(m_controls);
    m_skip->setObjectName(u"owidgetRatingSkipButton"_s);
    // The step's main action in the accent colour, as the form's and the composer's: a plain
    // button in the accent's palette is drawn by some styles a shade lighter, under the
    // contrast its white text needs.
    m_send = new AccentButton(m_controls);
    m_send->setObjectName(u"owidgetRatingSendButton"_s);
    m_skip->setMinimumHeight(m_send->sizeHint().height());
    for (QPushButton *button : { m_skip, m_send }) {
        button->setAutoDefault(true); // Enter presses the focused one
        button->setCursor(Qt::PointingHandCursor);
    }
    buttons->addStretch(1);
    buttons->addWidget(m_skip);
    buttons->addWidget(m_send);
    controls->addLayout(buttons);
    layout->addWidget(m_controls);

    m_thanks = new QLabel(this);
    m_thanks->setObjectName(u"owidgetRatingThanks"_s);
    m_thanks->setTextFormat(Qt::PlainText);
    m_thanks->setWordWrap(true);
    m_thanks->setAlignment(Qt::AlignCenter);
    m_thanks->hide();
    layout->addWidget(m_thanks);

    connect(m_send, &QPushButton::clicked, this, &RatingPanel::send);
    connect(m_skip, &QPushButton::clicked, this, [this] {
        setStep(Step::Skipped);
        Q_EMIT finished();
    });
    hide();
}

void RatingPanel::setController(Controller *controller)
{
    if (m_controller)
        m_controller->disconnect(this);
    m_controller = controller;
    showOperator();
    if (!controller)
        return refresh();
    connect(controller, &Controller::chatStateChanged, this, [this](ChatState state) {
        // A new conversation is asked about anew.
        if (state == ChatState::Starting || state == ChatState::Waiting)
            setStep(Step::Asking);
        refresh();
    });
    connect(controller, &Controller::configLoaded, this, &RatingPanel::refresh);
    connect(controller, &Controller::operatorNameChanged, this, &RatingPanel::showOperator);
    connect(controller, &Controller::operatorAvatarChanged, this, &RatingPanel::showOperator);
    connect(controller, &Controller::conversationRated, this, [this] {
        // Also after an error that let the visitor ask again: the rating went all the same.
        if (m_step == Step::Thanked || m_step == Step::Skipped)
            return;
        setStep(Step::Thanked);
        m_announcer->announce(m_thanks->text());
        Q_EMIT finished();
    });
    connect(controller, &Controller::errorOccurred, this, [this](const Error &error) {
        if (m_step != Step::Sending)
            return;
        setStep(Step::Asking);
        m_error->setText(userMessage(error));
        m_error->show();
        m_announcer->announce(m_error->text(), Announcer::Urgency::Assertive);
    });
    refresh();
}

void RatingPanel::showOperator()
{
    const QString name = m_controller ? m_controller->operatorName() : QString();
    // A conversation that ended before anyone answered is rated without a face.
    m_operator->setVisible(!name.isEmpty());
    if (name.isEmpty())
        return;
    m_face->setPixmap(
        Avatar::pixmap(name, m_controller->operatorAvatar(), FaceSize, devicePixelRatioF()));
    m_face->setAccessibleName(name);
    m_operatorLine->setText(tr("Your conversation with %1").arg(name));
}

void RatingPanel::rebuildScores(PresetConfig::Rating kind)
{
    if (kind == m_kind)
        return;
    m_kind = kind;
    while (QLayoutItem *item = m_scoreRow->takeAt(0))
        delete item; // the stretch; the buttons go below
    qDeleteAll(m_scores);
    m_scores.clear();
    const int count = kind == PresetConfig::Rating::Stars ? Stars
        : kind == PresetConfig::Rating::Thumbs            ? 2
                                                          : 0;
    for (int i = 0; i < count; ++i) {
        auto *button = new QToolButton(m_controls);
        button->setObjectName(u"owidgetRatingScore%1"_s.arg(i + 1));
        button->setCheckable(true);
        button->setAutoRaise(true);
        button->setCursor(Qt::PointingHandCursor);
        button->setToolButtonStyle(Qt::ToolButtonTextOnly);
        QFont font = button->font();
        font.setPointSizeF(font.pointSizeF() * 1.5);
        button->setFont(font);
        button->setMinimumSize(36, 36);
        // One Tab stop for all of them, on the first until one is chosen.
        button->setFocusPolicy(i == 0 ? Qt::StrongFocus : Qt::ClickFocus);
        button->installEventFilter(this);
        m_group->addButton(button, i);
        m_scores.append(button);
        m_scoreRow->addWidget(button);
    }
    m_scoreRow->addStretch(1);
    retranslate();
}

int RatingPanel::chosenScore() const
{
    const int index = m_group->checkedId();
    if (index < 0)
        return -1;
    // Thumbs: 0 unsatisfied, 1 satisfied; stars 1 to 5.
    return m_kind == PresetConfig::Rating::Stars ? index + 1 : index;
}

void RatingPanel::setStep(Step step)
{
    if (step == Step::Asking && (m_step == Step::Thanked || m_step == Step::Skipped)) {
        // Another conversation: nothing of the last rating stays.
        m_group->setExclusive(false);
        for (QAbstractButton *button : std::as_const(m_scores))
            button->setChecked(false);
        m_group->setExclusive(true);
        for (qsizetype i = 0; i < m_scores.size(); ++i) {
            m_scores.at(i)->setFocusPolicy(i == 0 ? Qt::StrongFocus : Qt::ClickFocus);
            if (m_kind == PresetConfig::Rating::Stars)
                m_scores.at(i)->setText(u"\u2606"_s);
        }
        m_comment->clear();
        m_error->hide();
    }
    m_step = step;
    const bool asking = step == Step::Asking;
    m_controls->setVisible(step == Step::Asking || step == Step::Sending);
    m_controls->setEnabled(asking);
    m_send->setEnabled(asking && chosenScore() >= 0);
    m_thanks->setVisible(step == Step::Thanked);
    refresh();
}

void RatingPanel::refresh()
{
    const auto kind = m_controller && m_controller->hasConfig() ? m_controller->config().rating
                                                                : PresetConfig::Rating::None;
    rebuildScores(kind);
    setVisible(kind != PresetConfig::Rating::None && m_controller
        && m_controller->chatState() == ChatState::Ended && m_step != Step::Skipped);
    m_send->setEnabled(m_step == Step::Asking && chosenScore() >= 0);
}

void RatingPanel::send()
{
    const int score = chosenScore();
    if (!m_controller || score < 0 || m_step != Step::Asking)
        return;
    const CallResult result = Calls::rateConversation(*m_controller, score, m_comment->text());
    if (!result.ok()) {
        m_error->setText(userMessage(result.error));
        m_error->show();
        return;
    }
    m_pending = result.id;
    setStep(Step::Sending);
}

void RatingPanel::moveChoice(int delta)
{
    if (m_scores.isEmpty())
        return;
    const int current = qMax(0, int(m_scores.indexOf(focusWidget())));
    const int next = qBound(0, current + delta, int(m_scores.size()) - 1);
    m_scores.at(next)->setChecked(true);
    m_scores.at(next)->setFocus(Qt::TabFocusReason);
}

bool RatingPanel::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() != QEvent::KeyPress)
        return QFrame::eventFilter(watched, event);
    const auto *key = static_cast<QKeyEvent *>(event);
    if (watched == m_comment && isEnter(key)) {
        send();
        return true;
    }
    auto *score = qobject_cast<QAbstractButton *>(watched);
    if (!score || !m_scores.contains(score))
        return QFrame::eventFilter(watched, event);
    // As on a row of radio buttons: the arrows choose, following the row as it shows, which a
    // right-to-left layout mirrors.
    const int forward = layoutDirection() == Qt::RightToLeft ? -1 : 1;
    switch (key->key()) {
    case Qt::Key_Right:
        moveChoice(forward);
        return true;
    case Qt::Key_Left:
        moveChoice(-forward);
        return true;
    case Qt::Key_Up:
        moveChoice(1);
        return true;
    case Qt::Key_Down:
        moveChoice(-1);
        return true;
    case Qt::Key_Return:
    case Qt::Key_Enter:
        score->setChecked(true);
        send();
        return true;
    default:
        break;
    }
    return QFrame::eventFilter(watched, event);
}

QList<QWidget *> RatingPanel::tabChain() const
{
    if (isHidden() || m_step != Step::Asking)
        return {};
    QWidget *scores = nullptr;
    for (QAbstractButton *button : m_scores) {
        if (button->focusPolicy() == Qt::StrongFocus)
            scores = button;
    }
    QList<QWidget *> chain;
    if (scores)
        chain << scores;
    chain << m_comment << m_skip << m_send;
    return chain;
}

void RatingPanel::retranslate()
{
    m_question->setText(m_kind == PresetConfig::Rating::Thumbs
            ? tr("Were you satisfied with the conversation?")
            : tr("How would you rate the conversation?"));
    m_controls->setAccessibleName(tr("Rating"));
    m_comment->setPlaceholderText(tr("Add a comment (optional)"));
    m_comment->setAccessibleName(tr("Comment on the conversation"));
    m_send->setText(tr("Send rating"));
    m_skip->setText(tr("Skip"));
    m_skip->setAccessibleName(tr("Skip the rating"));
    m_thanks->setText(tr("Thank you for your rating."));
    showOperator();
    for (qsizetype i = 0; i < m_scores.size(); ++i) {
        QAbstractButton *button = m_scores.at(i);
        QString name;
        if (m_kind == PresetConfig::Rating::Stars) {
            name = tr("Rate %1 of %2 stars").arg(i + 1).arg(Stars);
            if (button->text().isEmpty())
                button->setText(u"\u2606"_s);
        } else {
            name = i == 0 ? tr("Unsatisfied") : tr("Satisfied");
            button->setText(i == 0 ? u"\U0001F44E"_s : u"\U0001F44D"_s);
        }
        button->setAccessibleName(name);
        // The question goes with each choice: the focus lands on the first one when the
        // conversation ends, and a screen reader says only what has the focus.
        button->setAccessibleDescription(m_question->text());
        button->setToolTip(name);
    }
}

} // namespace OWidget
