// The chat window's header: the preset's title, a line that says where things stand, and the
// End chat and close buttons, in the preset's accent colour.
#pragma once

#include <QFrame>
#include <QImage>

class QHBoxLayout;
class QLabel;
class QToolButton;

namespace OWidget::Colors {
struct Scheme;
}

namespace OWidget {

class ChatHeader : public QFrame
{
    Q_OBJECT

public:
    explicit ChatHeader(QWidget *parent = nullptr);

    void setTitle(const QString &title);
    QString title() const;
    void setSubtitle(const QString &subtitle);
    void setEndVisible(bool visible);
    /// The operator the visitor is chatting with, by their face beside the title; none when
    /// `name` is empty.
    void setOperator(const QString &name, const QImage &picture = {});
    QString operatorName() const { return m_operatorName; }
    /// The accent's colours: the header is the accent, its text reads on it.
    void setColors(const Colors::Scheme &scheme);
    QToolButton *endButton() const { return m_end; }
    QToolButton *closeButton() const { return m_close; }
    /// End chat and Close in the order they are on the screen.
    QList<QWidget *> tabChain() const;
    void retranslate();

Q_SIGNALS:
    void endClicked();
    void closeClicked();

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void placeEndButton();

    QHBoxLayout *m_row = nullptr;    ///< the texts, End chat and Close
    QHBoxLayout *m_endRow = nullptr; ///< End chat, when the first row has no room for it
    QLabel *m_avatar;
    QString m_operatorName;
    QImage m_operatorPicture;
    QLabel *m_title;
    QLabel *m_subtitle;
    QToolButton *m_end;
    QToolButton *m_close;
};

/// `base` scaled by `factor`, bold or not: the header's and the pages' titles.
QFont scaledFont(const QFont &base, qreal factor, bool bold = false);

} // namespace OWidget
