// OWIDGET_TEST_EXPORT exports a private class or function from the shared library only in builds
// with tests, so the unit tests can reach it; otherwise it stays hidden.
#pragma once

#include <owidget/owidget_core_export.h>

#ifdef OWIDGET_EXPORT_PRIVATE_FOR_TESTS
#define OWIDGET_TEST_EXPORT OWIDGET_CORE_EXPORT
#else
#define OWIDGET_TEST_EXPORT
#endif
