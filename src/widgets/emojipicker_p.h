// The composer's emoji picker: a popup with a search field above a grid of emoji, the recently
// used ones first, then Unicode's groups under their titles. Arrows move in the grid, Enter or a
// click chooses, Escape closes; whoever opened it puts the focus back.
#pragma once

#include "widgetstestexport_p.h"

#include <QFrame>

class QLineEdit;
class QListView;

namespace OWidget {

class EmojiModel;

class OWIDGET_WIDGETS_TEST_EXPORT EmojiPicker : public QFrame
{
    Q_OBJECT

public:
    explicit EmojiPicker(QWidget *parent = nullptr);

    /// Shows the picker above `anchor` (below it when there is no room), its search field empty
    /// and focused.
    void popup(QWidget *anchor);
    QLineEdit *searchField() const { return m_search; }
    QListView *grid() const { return m_grid; }
    /// Chooses the emoji at `row` of the grid, as a click on it does.
    void choose(int row);

    /// The emoji chosen last, the latest first, kept across runs in the application's settings.
    static QStringList recent();
    static void remember(const QString &emoji);
    static constexpr int MaxRecent = 24;

Q_SIGNALS:
    void emojiChosen(const QString &emoji);
    void closed();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void hideEvent(QHideEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void focusGrid();

    QLineEdit *m_search;
    QListView *m_grid;
    EmojiModel *m_model;
};

} // namespace OWidget
