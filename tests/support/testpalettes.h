// The palettes the tests look at the window in: the dark one of the screenshots.
#pragma once

#include <QColor>
#include <QPalette>

namespace TestPalettes {

inline QPalette dark()
{
    QPalette p;
    const QColor window(0x1F, 0x20, 0x24);
    const QColor base(0x17, 0x18, 0x1B);
    const QColor text(0xE8, 0xE8, 0xEA);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, window);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, QColor(0x2C, 0x2E, 0x33));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::Highlight, QColor(0x42, 0x85, 0xF4));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x8A, 0xB4, 0xF8));
    p.setColor(QPalette::PlaceholderText, QColor(0x8A, 0x8D, 0x93));
    p.setColor(QPalette::ToolTipBase, window);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::Light, QColor(0x3A, 0x3C, 0x42));
    p.setColor(QPalette::Midlight, QColor(0x33, 0x35, 0x3A));
    p.setColor(QPalette::Mid, QColor(0x2A, 0x2B, 0x30));
    p.setColor(QPalette::Dark, QColor(0x12, 0x13, 0x15));
    p.setColor(QPalette::Shadow, Qt::black);
    for (const auto role : { QPalette::WindowText, QPalette::Text, QPalette::ButtonText })
        p.setColor(QPalette::Disabled, role, QColor(0x6E, 0x71, 0x77));
    return p;
}

} // namespace TestPalettes
