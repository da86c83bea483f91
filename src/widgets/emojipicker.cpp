#include "emojipicker_p.h"

#include "emojidata_p.h"

#include <QAbstractListModel>
#include <QApplication>
#include <QEvent>
#include <QKeyEvent>
#include <QLineEdit>
#include <QListView>
#include <QPainter>
#include <QScreen>
#include <QScrollBar>
#include <QSettings>
#include <QStyledItemDelegate>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace OWidget {

namespace {

constexpr int MaxColumns = 8;
constexpr int MinColumns = 5;
constexpr int Slack = 4; ///< QListView wraps a row a few pixels before the viewport's edge
constexpr int VisibleRows = 6;
constexpr int HeaderRole = Qt::UserRole + 1;

/// A cell's side: room for an emoji a little taller than the text, whatever the text size.
int cellSize(const QFont &font)
{
    return qRound(QFontMetricsF(font).height() * 1.7) + 4;
}

/// The font the cells draw their emoji in: the colour emoji font where the system has one.
QFont emojiFont(const QFont &base)
{
    QFont font = base;
    const QString family = EmojiData::colorFontFamily();
    if (!family.isEmpty())
        font.setFamilies({ family, base.family() });
    font.setPixelSize(qMax(12, cellSize(base) * 62 / 100));
    return font;
}

} // namespace

// The grid's rows: group titles, which span the grid and cannot be chosen, and emoji.
class EmojiModel : public QAbstractListModel
{
public:
    struct Row
    {
        bool header = false;
        QString text; ///< the emoji, or the group's title
        QString name;
    };

    using QAbstractListModel::QAbstractListModel;

    void show(const QString &query)
    {
        beginResetModel();
        m_rows.clear();
        const EmojiData &data = EmojiData::instance();
        if (query.trimmed().isEmpty()) {
            const QStringList recent = EmojiPicker::recent();
            if (!recent.isEmpty())
                m_rows.append({ true, EmojiPicker::tr("Recently used"), {} });
            for (const QString &emoji : recent) {
                const qsizetype i = data.indexOf(emoji);
                m_rows.append({ false, emoji, i >= 0 ? data.emoji().at(i).name : emoji });
            }
            int group = -1;
            for (const EmojiData::Emoji &emoji : data.emoji()) {
                if (emoji.group != group) {
                    group = emoji.group;
                    m_rows.append({ true, EmojiData::groupTitle(data.groups().value(group)), {} });
                }
                m_rows.append({ false, emoji.text, emoji.name });
            }
        } else {
            int group = -1;
            for (qsizetype i : data.search(query)) {
                const EmojiData::Emoji &emoji = data.emoji().at(i);
                if (emoji.group != group) {
                    group = emoji.group;
                    m_rows.append({ true, EmojiData::groupTitle(data.groups().value(group)), {} });
                }
                m_rows.append({ false, emoji.text, emoji.name });
            }
            if (m_rows.isEmpty())
                m_rows.append({ true, EmojiPicker::tr("No emoji found"), {} });
        }
        endResetModel();
    }

    /// The first row holding an emoji, or -1.
    int firstEmoji() const
    {
        for (int row = 0; row < m_rows.size(); ++row) {
            if (!m_rows.at(row).header)
                return row;
        }
        return -1;
    }

    int rowCount(const QModelIndex &parent = {}) const override
    {
        return parent.isValid() ? 0 : int(m_rows.size());
    }

    QVariant data(const QModelIndex &index, int role) const override
    {
        if (!index.isValid() || index.row() >= m_rows.size())
            return {};
        const Row &row = m_rows.at(index.row());
        switch (role) {
        case Qt::DisplayRole:
            return row.text;
        case Qt::AccessibleTextRole:
        case Qt::ToolTipRole:
            return row.header ? row.text : row.name;
        case HeaderRole:
            return row.header;
        default:
            return {};
        }
    }

    Qt::ItemFlags flags(const QModelIndex &index) const override
    {
        if (!index.isValid() || m_rows.at(index.row()).header)
            return Qt::NoItemFlags;
        return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
    }

private:
    QList<Row> m_rows;
};

namespace {

// Emoji in square cells; a group's title on a row of its own, across the grid.
class EmojiDelegate : public QStyledItemDelegate
{
public:
    explicit EmojiDelegate(QListView *view)
        : QStyledItemDelegate(view)
        , m_view(view)
    { }

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        const int cell = cellSize(option.font);
        if (index.data(HeaderRole).toBool())
            return { qMax(cell, m_view->viewport()->width() - Slack),
                qRound(QFontMetricsF(option.font).height() * 1.6) };
        return { cell, cell };
    }

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
        const QModelIndex &index) const override
    {
        painter->save();
        const QPalette &palette = option.palette;
        if (index.data(HeaderRole).toBool()) {
            QFont title = option.font;
            title.setBold(true);
            painter->setFont(title);
            // A title cannot be chosen, but it is no disabled text: it keeps the text's contrast.
            painter->setPen(palette.color(QPalette::Active, QPalette::Text));
            painter->drawText(option.rect.adjusted(6, 0, -6, 0),
                Qt::AlignVCenter | Qt::AlignLeading | Qt::TextSingleLine,
                QFontMetrics(title).elidedText(
                    index.data().toString(), Qt::ElideRight, option.rect.width() - 12));
        } else {
            if (option.state & (QStyle::State_Selected | QStyle::State_MouseOver)) {
                painter->setRenderHint(QPainter::Antialiasing);
                painter->setPen(option.state & QStyle::State_HasFocus
                        ? QPen(palette.color(QPalette::Highlight), 2)
                        : Qt::NoPen);
                QColor fill = palette.color(QPalette::Highlight);
                fill.setAlpha(60);
                painter->setBrush(fill);
                painter->drawRoundedRect(QRectF(option.rect).adjusted(2, 2, -2, -2), 6, 6);
            }
            painter->setFont(emojiFont(option.font));
            painter->setPen(palette.color(QPalette::Text));
            painter->drawText(
                option.rect, Qt::AlignCenter | Qt::TextSingleLine, index.data().toString());
        }
        painter->restore();
    }

private:
    QListView *m_view;
};

} // namespace

EmojiPicker::EmojiPicker(QWidget *parent)
    : QFrame(parent, Qt::Popup)
    , m_search(new QLineEdit(this))
    , m_grid(new QListView(this))
    , m_model(new EmojiModel(this))
{
    setObjectName(u"owidgetEmojiPicker"_s);
    setFrameShape(QFrame::StyledPanel);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    layout->setSpacing(6);
    m_search->setObjectName(u"owidgetEmojiSearch"_s);
    m_search->setClearButtonEnabled(true);
    m_search->installEventFilter(this);
    layout->addWidget(m_search);
    m_grid->setObjectName(u"owidgetEmojiGrid"_s);
    m_grid->setModel(m_model);
    m_grid->setItemDelegate(new EmojiDelegate(m_grid));
    m_grid->setViewMode(QListView::ListMode);
    m_grid->setFlow(QListView::LeftToRight);
    m_grid->setWrapping(true);
    m_grid->setResizeMode(QListView::Adjust);
    m_grid->setMovement(QListView::Static);
    m_grid->setSelectionMode(QAbstractItemView::SingleSelection);
    m_grid->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_grid->setMouseTracking(true);
    m_grid->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOn);
    m_grid->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_grid->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_grid->installEventFilter(this);
    layout->addWidget(m_grid);
    setTabOrder(m_search, m_grid);

    connect(m_search, &QLineEdit::textChanged, this, [this](const QString &query) {
        m_model->show(query);
        m_grid->scrollToTop();
    });
    connect(m_grid, &QListView::clicked, this,
        [this](const QModelIndex &index) { choose(index.row()); });
    retranslate();
}

void EmojiPicker::popup(QWidget *anchor)
{
    // The grid holds its columns and a few rows at any text size; the popup fits it.
    const int cell = cellSize(font());
    const int scrollBar = m_grid->style()->pixelMetric(QStyle::PM_ScrollBarExtent, nullptr, m_grid);
    const int frame = m_grid->frameWidth() * 2;
    // As many columns as the chat window has room for, at most eight.
    const QMargins margins = layout()->contentsMargins();
    const int room = anchor->window()->width() - margins.left() - margins.right() - 2 * frameWidth()
        - scrollBar - frame - Slack;
    const int columns = qBound(MinColumns, room / cell, MaxColumns);
    m_grid->setFixedSize(columns * cell + Slack + scrollBar + frame, VisibleRows * cell + frame);
    m_search->blockSignals(true);
    m_search->clear();
    m_search->blockSignals(false);
    m_model->show(QString());
    m_grid->setCurrentIndex(QModelIndex());
    m_grid->scrollToTop();
    adjustSize();

    // Above the anchor, its edge on the anchor's leading edge; below it when there is no room.
    const QRect at(anchor->mapToGlobal(QPoint(0, 0)), anchor->size());
    const bool rtl = anchor->layoutDirection() == Qt::RightToLeft;
    QPoint position(rtl ? at.right() - width() + 1 : at.left(), at.top() - height() - 4);
    // Over the chat window where it fits, so that it covers nothing else of the host's.
    const QRect window(anchor->window()->mapToGlobal(QPoint(0, 0)), anchor->window()->size());
    if (width() <= window.width())
        position.setX(qBound(window.left(), position.x(), window.right() - width() + 1));
    if (const QScreen *screen = anchor->screen()) {
        const QRect available = screen->availableGeometry();
        if (position.y() < available.top())
            position.setY(at.bottom() + 4);
        position.setX(qBound(available.left(), position.x(),
            qMax(available.left(), available.right() - width() + 1)));
        position.setY(qBound(available.top(), position.y(),
            qMax(available.top(), available.bottom() - height() + 1)));
    }
    move(position);
    show();
    m_search->setFocus(Qt::PopupFocusReason);
}

void EmojiPicker::choose(int row)
{
    const QModelIndex index = m_model->index(row, 0);
    if (!index.isValid() || index.data(HeaderRole).toBool())
        return;
    const QString emoji = index.data().toString();
    remember(emoji);
    hide();
    Q_EMIT emojiChosen(emoji);
}

QStringList EmojiPicker::recent()
{
    QSettings settings;
    settings.beginGroup(u"OWidget"_s);
    QStringList list = settings.value(u"recentEmoji"_s).toStringList();
    // Settings edited by hand or by an older version: only known emoji, each once, a few.
    const EmojiData &data = EmojiData::instance();
    list.removeIf([&data](const QString &emoji) { return data.indexOf(emoji) < 0; });
    list.removeDuplicates();
    return list.mid(0, MaxRecent);
}

void EmojiPicker::remember(const QString &emoji)
{
    QStringList list = recent();
    list.removeAll(emoji);
    list.prepend(emoji);
    QSettings settings;
    settings.beginGroup(u"OWidget"_s);
    settings.setValue(u"recentEmoji"_s, list.mid(0, MaxRecent));
}

void EmojiPicker::focusGrid()
{
    QModelIndex target = m_grid->currentIndex();
    if (!target.isValid() || target.data(HeaderRole).toBool())
        target = m_model->index(m_model->firstEmoji(), 0);
    if (!target.isValid())
        return;
    // The focus first, then the current cell: a screen reader hears of a cell that becomes
    // current in a focused grid, and says its name, not only "list".
    m_grid->setFocus(Qt::TabFocusReason);
    m_grid->setCurrentIndex(QModelIndex());
    m_grid->setCurrentIndex(target);
}

bool EmojiPicker::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() != QEvent::KeyPress)
        return QFrame::eventFilter(watched, event);
    const auto *key = static_cast<QKeyEvent *>(event);
    const bool enter = key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter;
    if (watched == m_search) {
        // From the search field: Down goes into the results, Enter takes the first of them.
        if (key->key() == Qt::Key_Down || (key->key() == Qt::Key_Tab && !key->modifiers())) {
            focusGrid();
            return true;
        }
        if (enter) {
            choose(m_model->firstEmoji());
            return true;
        }
    } else if (watched == m_grid && enter) {
        choose(m_grid->currentIndex().row());
        return true;
    }
    return QFrame::eventFilter(watched, event);
}

void EmojiPicker::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Escape) {
        hide();
        return;
    }
    QFrame::keyPressEvent(event);
}

void EmojiPicker::hideEvent(QHideEvent *event)
{
    QFrame::hideEvent(event);
    Q_EMIT closed();
}

void EmojiPicker::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QFrame::changeEvent(event);
}

void EmojiPicker::retranslate()
{
    setAccessibleName(tr("Emoji"));
    m_search->setPlaceholderText(tr("Search emoji"));
    m_search->setAccessibleName(tr("Search emoji"));
    m_grid->setAccessibleName(tr("Emoji"));
    if (isVisible())
        m_model->show(m_search->text());
}

} // namespace OWidget
