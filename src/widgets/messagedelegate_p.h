// Paints the conversation's rows: bubbles, times, day separators, delivery marks, files
// (AttachmentBubble) and the operator's typing indicator. Text is laid out as plain text with
// QTextLayout; the links it finds itself are the only thing in a message that reacts to a click.
#pragma once

#include "colors_p.h"
#include "widgetstestexport_p.h"

#include <QFont>
#include <QHash>
#include <QPointer>
#include <QStyledItemDelegate>
#include <QTextLayout>

#include <functional>

class QAbstractItemView;

namespace OWidget {

class OWIDGET_WIDGETS_TEST_EXPORT MessageDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    explicit MessageDelegate(QAbstractItemView *view);

    void setLinkOpener(std::function<void(const QUrl &)> opener);
    /// What a click on a message's file does (save it, or cancel its upload).
    void setAttachmentOpener(std::function<void(const QModelIndex &)> opener);
    /// The visitor's bubbles; the palette's highlight when invalid.
    void setAccentColor(const QColor &color);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
        const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    bool editorEvent(QEvent *event, QAbstractItemModel *model, const QStyleOptionViewItem &option,
        const QModelIndex &index) override;

    /// The link under a point of the view's viewport, or an empty URL.
    QUrl linkAt(const QPoint &viewportPos) const;
    /// Whether a point of the view's viewport is on a message's file.
    bool isOnAttachment(const QPoint &viewportPos) const;
    /// Where the row's file is drawn, in view coordinates (empty when it has none).
    QRect attachmentRect(const QModelIndex &index) const;
    /// What is written under the visitor's last message the operator has read.
    static QString seenText();
    /// Where the `n`th link of the row is drawn, in view coordinates (empty when there is none).
    QRect linkRect(const QModelIndex &index, int n) const;

private:
    struct Geometry;
    Geometry layout(const QStyleOptionViewItem &option, const QModelIndex &index) const;
    QStyleOptionViewItem optionFor(const QModelIndex &index) const;
    QUrl linkAt(const Geometry &geometry, const QPointF &point) const;
    const Colors::Scheme &schemeFor(const QPalette &palette) const;
    void watch(const QAbstractItemModel *model) const;
    void forgetHeights(int firstRow, int lastRow) const;

    QAbstractItemView *m_view;
    std::function<void(const QUrl &)> m_opener;
    std::function<void(const QModelIndex &)> m_attachmentOpener;
    QColor m_accent;
    // The colours for the view's palette and the accent, worked out once.
    mutable Colors::Scheme m_scheme;
    mutable qint64 m_schemePalette = -1;
    // Row heights by MessageModel::PositionRole, for one viewport width and font: the view asks
    // for every row's height again whenever a row is added.
    mutable QHash<qlonglong, int> m_heights;
    mutable int m_heightsWidth = -1;
    mutable QFont m_heightsFont;
    mutable QPointer<const QAbstractItemModel> m_watched;
    mutable QList<QMetaObject::Connection> m_watching;
};

} // namespace OWidget
