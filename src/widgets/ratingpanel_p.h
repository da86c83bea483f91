// The rating step at the end of a conversation, when the preset asks for one: the face and name
// of the operator who answered, satisfied or not (two toggle buttons) or one to five stars, an
// optional comment, Send and Skip; a thank-you once the server stored it. Keyboard alone: Tab
// reaches the scores as one stop, the arrows move among them, Space or Enter picks one, Enter in
// the comment sends.
#pragma once

#include "widgetstestexport_p.h"

#include <owidget/presetconfig.h>

#include <QFrame>
#include <QList>
#include <QPointer>

class QAbstractButton;
class QButtonGroup;
class QHBoxLayout;
class QLabel;
class QLineEdit;
class QPushButton;

namespace OWidget {

class Announcer;
class Controller;

class OWIDGET_WIDGETS_TEST_EXPORT RatingPanel : public QFrame
{
    Q_OBJECT

public:
    enum class Step { Asking, Sending, Thanked, Skipped };

    explicit RatingPanel(QWidget *parent = nullptr);

    void setController(Controller *controller);
    /// Shows while the conversation has ended and the preset asks, until rated or skipped.
    void refresh();
    void retranslate();
    Step step() const { return m_step; }
    /// The score buttons, best last: two for thumbs (unsatisfied, satisfied), five for stars.
    QList<QAbstractButton *> scoreButtons() const { return m_scores; }
    QLineEdit *commentField() const { return m_comment; }
    QPushButton *sendButton() const { return m_send; }
    QPushButton *skipButton() const { return m_skip; }
    /// The widgets the visitor tabs through, in order (the scores as one stop).
    QList<QWidget *> tabChain() const;

Q_SIGNALS:
    /// Rated or skipped: the page moves the focus on.
    void finished();
    /// What tabChain() holds changed: the score Tab stops at is the one chosen.
    void tabChainChanged();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void showOperator();
    void rebuildScores(PresetConfig::Rating kind);
    void setStep(Step step);
    void send();
    int chosenScore() const;
    void moveChoice(int delta);

    QPointer<Controller> m_controller;
    PresetConfig::Rating m_kind = PresetConfig::Rating::None;
    Step m_step = Step::Asking;
    QString m_pending; ///< the client id of the rating being sent
    QWidget *m_operator;
    QLabel *m_face;
    QLabel *m_operatorLine;
    QLabel *m_question;
    QHBoxLayout *m_scoreRow;
    QButtonGroup *m_group;
    QList<QAbstractButton *> m_scores;
    QLineEdit *m_comment;
    QLabel *m_error;
    QLabel *m_thanks;
    QPushButton *m_send;
    QPushButton *m_skip;
    QWidget *m_controls;
    Announcer *m_announcer;
};

} // namespace OWidget
