// Atomic writes after a crash: temporaries of dead processes (pid in the name) are removed by the
// next write to the same target, live processes' and foreign names are left alone, a folder that a
// killed commit left moved aside is put back, and replacing a folder (renameat2 exchange or the
// move-aside fallback) leaves exactly the new content.
#include "base/atomic_file.h"
#include "base/atomic_folder.h"
#include "base/error.h"
#include "compress_helpers.h"

#include <QTest>

#include <sys/wait.h>
#include <unistd.h>
#include <filesystem>
#include <fstream>

using namespace basislab;
namespace fs = std::filesystem;

namespace {

/// The pid of a process that has exited (and been reaped).
long deadPid() {
    const pid_t pid = ::fork();
    if (pid == 0) ::_exit(0);
    int status = 0;
    ::waitpid(pid, &status, 0);
    return long(pid);
}

void touch(const std::string& path, const std::string& content = "x") {
    std::ofstream(path) << content;
}

std::string read(const std::string& path) {
    return readFileBytes(path);
}

std::vector<std::string> entries(const std::string& dir) {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(dir)) out.push_back(e.path().filename().string());
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace

class TestAtomicRecovery : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void deadWritersTemporariesAreRemovedByTheNextWrite() {
        test::TempDir dir;
        const std::string target = dir.path() + "/calib.h5";
        const std::string dead = std::to_string(deadPid());
        const std::string live = std::to_string(::getpid());
        touch(target + ".tmp-" + dead + "-1a2b");  // a killed calibration's file
        fs::create_directories(target + ".tmp-" + dead + "-ff.old");  // a folder moved aside
        touch(target + ".tmp-" + dead + "-ff.old/inner");
        touch(target + ".tmp-" + live + "-3c");  // a live writer (this process)
        touch(target + ".tmp-1-3c");  // pid 1 runs
        touch(target + ".tmp-" + dead + "-xyz");  // not a temporary name (not hex)
        touch(dir.path() + "/other.h5.tmp-" + dead + "-1a");  // another target's
        QCOMPARE(deadTemporaries(target).size(), std::size_t(2));
        writeFileAtomically(target, "new");
        QCOMPARE(read(target), std::string("new"));
        const std::vector<std::string> want{"calib.h5", "calib.h5.tmp-1-3c", "calib.h5.tmp-" + dead + "-xyz",
                                            "calib.h5.tmp-" + live + "-3c", "other.h5.tmp-" + dead + "-1a"};
        std::vector<std::string> sorted_want = want;
        std::sort(sorted_want.begin(), sorted_want.end());
        QCOMPARE(entries(dir.path()), sorted_want);
    }

    void aFolderLeftMovedAsideIsRecovered() {
        test::TempDir dir;
        const std::string target = dir.path() + "/export";
        const std::string dead = std::to_string(deadPid());
        // A commit killed between its two renames: the old target aside, the new one complete.
        fs::create_directories(target + ".tmp-" + dead + "-aa.old");
        touch(target + ".tmp-" + dead + "-aa.old/model.safetensors", "old");
        fs::create_directories(target + ".tmp-" + dead + "-aa");
        touch(target + ".tmp-" + dead + "-aa/model.safetensors", "new");
        // Without overwriting, the recovered target is there and refused.
        QVERIFY_THROWS_EXCEPTION(Error, AtomicFolder(target, false));
        QCOMPARE(read(target + "/model.safetensors"), std::string("old"));
        QCOMPARE(entries(dir.path()), std::vector<std::string>{"export"});
    }

    void replacingAFolderLeavesOnlyTheNewContent() {
        for (const bool exchange : {true, false}) {
            AtomicFolder::setExchangeAllowed(exchange);
            test::TempDir dir;
            const std::string target = dir.path() + "/out";
            for (const char* content : {"first", "second", "third"}) {
                AtomicFolder folder(target, true);
                touch(folder.path() + "/file", content);
                if (std::string(content) == "first") touch(folder.path() + "/only-in-first");
                folder.commit();
                QCOMPARE(read(target + "/file"), std::string(content));
                QCOMPARE(entries(dir.path()), std::vector<std::string>{"out"});
            }
            QVERIFY(!fs::exists(target + "/only-in-first"));
        }
        AtomicFolder::setExchangeAllowed(true);
    }
};

QTEST_GUILESS_MAIN(TestAtomicRecovery)
#include "test_atomic_recovery.moc"
