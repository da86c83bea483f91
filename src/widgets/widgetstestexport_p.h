// OWIDGET_WIDGETS_TEST_EXPORT exports a private class of the widgets library only in builds with
// tests, so the unit tests can reach it; otherwise it stays hidden.
#pragma once

#include <owidget/owidget_widgets_export.h>

#ifdef OWIDGET_EXPORT_PRIVATE_FOR_TESTS
#define OWIDGET_WIDGETS_TEST_EXPORT OWIDGET_WIDGETS_EXPORT
#else
#define OWIDGET_WIDGETS_TEST_EXPORT
#endif
