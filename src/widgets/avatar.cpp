#include "avatar_p.h"

#include "colors_p.h"

#include <QPainter>
#include <QPainterPath>

namespace OWidget::Avatar {

namespace {

/// The first letter of `word` as a whole character (a surrogate pair stays together).
QString firstLetter(QStringView word)
{
    for (qsizetype i = 0; i < word.size(); ++i) {
        char32_t c = word.at(i).unicode();
        qsizetype length = 1;
        if (word.at(i).isHighSurrogate() && i + 1 < word.size()
            && word.at(i + 1).isLowSurrogate()) {
            c = QChar::surrogateToUcs4(word.at(i), word.at(i + 1));
            length = 2;
        }
        if (QChar::isLetter(c))
            return word.mid(i, length).toString().toUpper();
        i += length - 1;
    }
    return {};
}

} // namespace

QString initials(const QString &name)
{
    const QList<QStringView> words = QStringView(name).split(u' ', Qt::SkipEmptyParts);
    QString first;
    QString last;
    for (const QStringView word : words) {
        const QString letter = firstLetter(word);
        if (letter.isEmpty())
            continue;
        if (first.isEmpty())
            first = letter;
        else
            last = letter;
    }
    return first + last;
}

QColor color(const QString &name)
{
    // FNV-1a over the name: the same colour for the same name in every process and version,
    // which qHash (seeded per process) would not give.
    quint32 hash = 2166136261u;
    for (const QChar c : name) {
        hash ^= c.unicode();
        hash *= 16777619u;
    }
    return Colors::underText(QColor::fromHsv(int(hash % 360), 140, 190));
}

QPixmap pixmap(const QString &name, const QImage &image, int size, qreal devicePixelRatio)
{
    const int pixels = qRound(size * devicePixelRatio);
    QPixmap result(pixels, pixels);
    result.fill(Qt::transparent);
    result.setDevicePixelRatio(devicePixelRatio);
    QPainter painter(&result);
    painter.setRenderHint(QPainter::Antialiasing);
    QPainterPath circle;
    circle.addEllipse(QRectF(0, 0, size, size));
    if (!image.isNull()) {
        painter.setClipPath(circle);
        painter.drawImage(QRectF(0, 0, size, size), image);
        return result;
    }
    const QColor background = color(name);
    painter.fillPath(circle, background);
    QFont font = painter.font();
    font.setPixelSize(qMax(8, size * 2 / 5));
    font.setBold(true);
    painter.setFont(font);
    painter.setPen(Colors::textOn(background));
    painter.drawText(QRectF(0, 0, size, size), Qt::AlignCenter, initials(name));
    return result;
}

} // namespace OWidget::Avatar
