// Shared pieces of the workbench tests: a main() that gives every test run its own settings and
// cache folders (so no test sees the user's recent files or another test's demo offer), and
// waiting helpers.
#pragma once

#include <QApplication>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <functional>

#define BASISLAB_GUI_TEST_MAIN(TestObject)                                            \
    int main(int argc, char** argv) {                                                 \
        QTemporaryDir home;                                                           \
        qputenv("XDG_CONFIG_HOME", home.filePath(QStringLiteral("config")).toUtf8()); \
        qputenv("XDG_CACHE_HOME", home.filePath(QStringLiteral("cache")).toUtf8());   \
        QApplication app(argc, argv);                                                 \
        QApplication::setOrganizationName(QStringLiteral("BasisLab"));                \
        QApplication::setApplicationName(QStringLiteral("basislab-test"));            \
        TestObject test;                                                              \
        return QTest::qExec(&test, argc, argv);                                       \
    }

namespace basislab::test {

/// Waits until `done()` holds, processing events; false after `timeout_ms`.
inline bool waitUntil(const std::function<bool()>& done, int timeout_ms) {
    QElapsedTimer clock;
    clock.start();
    while (!done()) {
        if (clock.elapsed() > timeout_ms) return false;
        QTest::qWait(5);
    }
    return true;
}

}  // namespace basislab::test
