// core/base/isolated_read: the helper process's crash, hang or error becomes an Error naming the
// file. First with stand-in helpers (shell scripts), then with the real basislab-h5check on fuzz
// inputs that crash or hang HDF5 1.10 itself.
#include "api/session_file.h"
#include "base/error.h"
#include "base/isolated_read.h"
#include "calib/store.h"
#include "test_helpers.h"
#include "test_paths.h"

#include <QtTest>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>

using namespace basislab;
using test::errorOf;

namespace {

const std::string kCrashes = test::dataDir() + "/../fuzz/crashes/";

/// Points BASISLAB_H5CHECK at a shell script with `body` for the scope.
class FakeHelper {
public:
    explicit FakeHelper(const std::string& body) {
        const std::string path = dir_.file("helper.sh");
        std::ofstream(path) << "#!/bin/sh\n" << body << "\n";
        std::filesystem::permissions(path, std::filesystem::perms::owner_all);
        qputenv("BASISLAB_H5CHECK", QByteArray::fromStdString(path));
    }
    ~FakeHelper() { qunsetenv("BASISLAB_H5CHECK"); }

private:
    test::TempDir dir_;
};

void noWork() {}

}  // namespace

class TestIsolatedRead : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void helperBesideTheExecutable() {
        // Tests live in build/bin beside basislab-h5check, as the CLI and the workbench do.
        QVERIFY2(hdf5CheckHelper().find("basislab-h5check") != std::string::npos, hdf5CheckHelper().c_str());
        qputenv("BASISLAB_H5CHECK", "off");
        QCOMPARE(hdf5CheckHelper(), std::string());
        qunsetenv("BASISLAB_H5CHECK");
    }

    void withoutHelperTheWorkRunsHere() {
        qputenv("BASISLAB_H5CHECK", "off");
        int ran = 0;
        runIsolated(
            "f.h5", {"store", "f.h5"}, [&] { ++ran; }, 10);
        qunsetenv("BASISLAB_H5CHECK");
        QCOMPARE(ran, 1);
    }

    void finishedHelperReturnsAndTheWorkDoesNotRunHere() {
        FakeHelper helper("test \"$1\" = store && test \"$2\" = f.h5");
        int ran = 0;
        runIsolated(
            "f.h5", {"store", "f.h5"}, [&] { ++ran; }, 10);
        QCOMPARE(ran, 0);
    }

    void reportedErrorKeepsItsMessage() {
        FakeHelper helper("printf \"'f.h5' has no format_version attribute\\n\" >&2; exit 3");
        QCOMPARE(errorOf([] {
                     runIsolated("f.h5", {"store", "f.h5"}, noWork, 10);
                 }),
                 QStringLiteral("'f.h5' has no format_version attribute"));
    }

    void crashBecomesErrorNamingTheFile() {
        FakeHelper helper("kill -SEGV $$");
        const QString e = errorOf([] { runIsolated("/data/s.h5", {"store", "/data/s.h5"}, noWork, 10); });
        QVERIFY2(e.contains(QStringLiteral("'/data/s.h5' is damaged: HDF5 crashed reading it (signal 11")),
                 qPrintable(e));
    }

    void otherExitStatusIsAFailure() {
        FakeHelper helper("exit 1");
        const QString e = errorOf([] { runIsolated("/data/s.h5", {"store", "/data/s.h5"}, noWork, 10); });
        QVERIFY2(e.contains(QStringLiteral("'/data/s.h5' is damaged: HDF5 failed reading it")) &&
                     e.contains(QStringLiteral("status 1")),
                 qPrintable(e));
    }

    void hangIsKilledAtTheLimit() {
        FakeHelper helper("exec sleep 100");
        const auto start = std::chrono::steady_clock::now();
        const QString e = errorOf([] { runIsolated("/data/s.h5", {"store", "/data/s.h5"}, noWork, 1); });
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        QVERIFY2(e.contains(QStringLiteral("'/data/s.h5' is damaged: reading it did not finish within 1 s")),
                 qPrintable(e));
        QVERIFY2(seconds >= 1.0 && seconds < 30.0, std::to_string(seconds).c_str());  // generous: a loaded machine
    }

    void limitFromTheEnvironment() {
        qputenv("BASISLAB_READ_TIMEOUT", "7");
        QCOMPARE(isolatedReadLimitSeconds(), 7);
        qputenv("BASISLAB_READ_TIMEOUT", "soon");
        QCOMPARE(isolatedReadLimitSeconds(), 120);
        qunsetenv("BASISLAB_READ_TIMEOUT");
        QCOMPARE(isolatedReadLimitSeconds(), 120);
    }

    void storeThatCrashesHdf5IsRefused() {
        // Found by fuzz_store: a corrupted global heap makes H5Aread of a variable-length string
        // copy 0x3b00… bytes (a segmentation fault when read in this process).
        const std::string path = kCrashes + "store/hdf5-crash-09f71f84c1926cda78c4d4a368b05037ac82bf1a";
        QVERIFY(std::ifstream(path).good());
        const QString e = errorOf([&] { openCalibration(path); });
        QVERIFY2(e.contains(QString::fromStdString("'" + path + "' is damaged: HDF5 crashed reading it")),
                 qPrintable(e));
        QVERIFY2(errorOf([&] { readCalibrationSummary(path); }).contains(QStringLiteral("is damaged")), qPrintable(e));
    }

    void storeThatMakesHdf5LoopIsRefused() {
        const std::string path = kCrashes + "store/hdf5-timeout-9021253ef0d8c6f4e777d6f31fa8a34aec2079b2";
        qputenv("BASISLAB_READ_TIMEOUT", "3");
        const QString e = errorOf([&] { openCalibration(path); });
        qunsetenv("BASISLAB_READ_TIMEOUT");
        QVERIFY2(e.contains(QString::fromStdString("'" + path + "' is damaged: reading it did not finish within 3 s")),
                 qPrintable(e));
    }

    void sessionThatCrashesHdf5IsRefused() {
        const std::string path = kCrashes + "session/hdf5-crash-e26653fbe9285a17a08883bd38537e0eea81cffd";
        const QString e = errorOf([&] { api::readSession(path); });
        QVERIFY2(e.contains(QString::fromStdString("'" + path + "' is damaged: HDF5 crashed reading it")),
                 qPrintable(e));
    }
};

QTEST_GUILESS_MAIN(TestIsolatedRead)
#include "test_isolated_read.moc"
