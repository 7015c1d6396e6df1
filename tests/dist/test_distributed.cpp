// Distributed calibration end to end: 2 and 3 basislab-cli processes on this machine meet through
// a FileStore in a temporary folder (no port to collide with), calibrate in float64, and the store
// rank 0 writes must equal the single-process one (same identity and windows, every Gram and sum
// within 1e-12 relative, Fisher diagonals within 1e-6). Then the faults: mismatched inputs, a
// rank that never joins, a rank killed mid-calibration, SIGTERM on one rank; and the workbench
// (core/api/model_session) opening a store made by a distributed run.
#include "api/model_session.h"
#include "api/session_file.h"
#include "calib/store.h"
#include "dist/process_group.h"
#include "tensor_compare.h"
#include "test_helpers.h"
#include "test_paths.h"

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QtTest>

#include <csignal>
#include <filesystem>
#include <memory>
#include <vector>

using namespace basislab;
using namespace basislab::test;

namespace {

constexpr int kWindows = 7;  // split 4+3 and 3+2+2
constexpr int kSeqLen = 48;

QStringList calibrateArgs(const std::string& out, int windows = kWindows) {
    return {"calibrate",
            "--model",
            QString::fromStdString(storiesModel()),
            "--text",
            QString::fromStdString(demoDir() + "/text/tinystories_sample.txt"),
            "--windows",
            QString::number(windows),
            "--seq-len",
            QString::number(kSeqLen),
            "--dtype",
            "float64",
            "--threads",
            "1",
            "--fisher",
            "--quiet",
            "--out",
            QString::fromStdString(out)};
}

struct Finished {
    int exit_code = -1;
    bool crashed = false;
    QString err;
    double seconds = 0;
};

/// Starts `world` ranks of `args` meeting at `store` (extra arguments per rank appended).
std::vector<std::unique_ptr<QProcess>> startRanks(int world, const QStringList& args, const std::string& store,
                                                  const std::vector<QStringList>& extra = {}) {
    std::vector<std::unique_ptr<QProcess>> p;
    for (int r = 0; r < world; ++r) {
        auto proc = std::make_unique<QProcess>();
        proc->setProgram(BASISLAB_CLI);
        QStringList a = args;
        a << "--rank" << QString::number(r) << "--world-size" << QString::number(world) << "--store-file"
          << QString::fromStdString(store);
        if (std::size_t(r) < extra.size()) a << extra[std::size_t(r)];
        proc->setArguments(a);
        proc->start();
        p.push_back(std::move(proc));
    }
    return p;
}

/// Waits until `p` has written `needle` on stderr (kept in `seen`); false after `timeout_ms`.
bool waitForStderr(QProcess& p, const QString& needle, QString& seen, int timeout_ms = 60000) {
    QElapsedTimer clock;
    clock.start();
    while (!seen.contains(needle)) {
        if (clock.elapsed() > timeout_ms || p.state() == QProcess::NotRunning) return false;
        p.waitForReadyRead(100);
        seen += QString::fromUtf8(p.readAllStandardError());
    }
    return true;
}

/// Arguments for a calibration long enough to be interrupted (about 10 s per rank here):
/// 240 windows of 256 tokens, one window per forward pass, progress lines on stderr.
QStringList longCalibrateArgs(const std::string& out) {
    QStringList a = calibrateArgs(out, 240);
    a << "--micro-batch"
      << "1";
    a.removeAll("--fisher");
    a.removeAll("--quiet");
    a[a.indexOf("--seq-len") + 1] = "256";
    a[a.indexOf("--text") + 1] = QString::fromStdString(demoDir() + "/text/wiki.test.raw");
    return a;
}

Finished finish(QProcess& p, int timeout_ms, const QElapsedTimer& clock, const QString& seen = {}) {
    Finished f;
    if (!p.waitForFinished(timeout_ms)) {
        p.kill();
        p.waitForFinished();
        f.err = "did not finish in time";
        return f;
    }
    f.seconds = double(clock.elapsed()) / 1000;
    f.crashed = p.exitStatus() != QProcess::NormalExit;
    f.exit_code = p.exitCode();
    f.err = seen + QString::fromUtf8(p.readAllStandardError());
    return f;
}

std::vector<Finished> runRanks(int world, const QStringList& args, const std::string& store,
                               const std::vector<QStringList>& extra = {}) {
    QElapsedTimer clock;
    clock.start();
    auto procs = startRanks(world, args, store, extra);
    std::vector<Finished> out;
    for (auto& p : procs) out.push_back(finish(*p, 120000, clock));
    return out;
}

/// Nothing in `dir` but `keep` (no store, no temporary file of one).
QStringList leftovers(const std::string& dir, const std::set<std::string>& keep = {}) {
    QStringList l;
    for (const auto& e : std::filesystem::directory_iterator(dir))
        if (!keep.count(e.path().filename().string())) l << QString::fromStdString(e.path().filename().string());
    return l;
}

}  // namespace

class TestDistributed : public QObject {
    Q_OBJECT
    std::unique_ptr<TempDir> dir_;
    std::string single_;

    std::string path(const std::string& name) const { return (std::filesystem::path(dir_->path()) / name).string(); }

private Q_SLOTS:
    void initTestCase() {
        if (!dist::available()) QSKIP("built without the Gloo headers: no distributed runs");
        dir_ = std::make_unique<TempDir>();
        single_ = path("single.h5");
        QProcess p;
        p.start(BASISLAB_CLI, calibrateArgs(single_));
        QVERIFY(p.waitForFinished(120000));
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
    }

    void storeEqualsSingleProcess_data() {
        QTest::addColumn<int>("world");
        QTest::newRow("2 processes") << 2;
        QTest::newRow("3 processes") << 3;
    }

    void storeEqualsSingleProcess() {
        QFETCH(int, world);
        const std::string out = path("dist" + std::to_string(world) + ".h5");
        const auto ranks = runRanks(world, calibrateArgs(out), path("store" + std::to_string(world)));
        for (int r = 0; r < world; ++r)
            QVERIFY2(ranks[std::size_t(r)].exit_code == 0,
                     qPrintable(QString("rank %1: %2").arg(r).arg(ranks[std::size_t(r)].err)));

        const auto a = openCalibration(single_);
        const auto b = openCalibration(out);
        const CalibrationSummary &A = a->summary(), &B = b->summary();
        QCOMPARE(B.settings.world_size, world);
        QCOMPARE(A.settings.world_size, 1);
        // The same calibration apart from the world size, timings and where it ran.
        QCOMPARE(api::calibrationIdentity(B), api::calibrationIdentity(A));
        QVERIFY(B.settings.window_indices == A.settings.window_indices);
        QCOMPARE(B.settings.windows, kWindows);
        QCOMPARE(B.tokens, A.tokens);
        QCOMPARE(B.settings.text_sha256, A.settings.text_sha256);
        QCOMPARE(B.settings.fisher, true);
        double worst_gram = 0, worst_sum = 0, worst_fisher = 0, worst_stat = 0;
        for (const SiteStatistics& s : A.sites) {
            const SiteStatistics& t = B.at(s.layer, s.site);
            QCOMPARE(t.tokens, s.tokens);
            worst_gram = std::max(worst_gram, relDiff(b->gram(s.layer, s.site), a->gram(s.layer, s.site)));
            worst_sum = std::max(worst_sum, (t.sum_abs - s.sum_abs).norm() / s.sum_abs.norm());
            worst_sum = std::max(worst_sum, (t.sum_sq - s.sum_sq).norm() / s.sum_sq.norm());
            worst_stat = std::max(worst_stat, std::abs(t.max_eig - s.max_eig) / s.max_eig);
            worst_stat = std::max(worst_stat, std::abs(t.trace - s.trace) / s.trace);
        }
        for (int l = 0; l < A.layers; ++l)
            for (MatrixType m : kMatrixTypes)
                worst_fisher = std::max(worst_fisher, relDiff(b->fisher(l, m), a->fisher(l, m)));
        qInfo("world %d: worst relative difference Gram %.3g, sums %.3g, statistics %.3g, Fisher %.3g", world,
              worst_gram, worst_sum, worst_stat, worst_fisher);
        QVERIFY(worst_gram <= 1e-12);
        QVERIFY(worst_sum <= 1e-12);
        QVERIFY(worst_stat <= 1e-10);
        QVERIFY(worst_fisher <= 1e-6);
        QVERIFY(worst_gram > 0 || worst_fisher >= 0);  // (exactly equal is fine too)
    }

    void workbenchOpensADistributedStore() {
        const std::string out = path("dist2.h5");
        if (!std::filesystem::exists(out)) QSKIP("needs storeEqualsSingleProcess");
        ComputeOptions c;
        c.dtype = "float64";
        c.threads = 1;
        const auto session = api::ModelSession::open(storiesModel(), c);
        const auto summary = session->loadCalibration(out);
        QCOMPARE(summary->settings.world_size, 2);
        QCOMPARE(summary->settings.windows, kWindows);
        QVERIFY(session->hasCalibration());
        CompressionPlan plan;
        plan.method = Method::basis_sharing;
        plan.ratio = 0.3;
        const api::PlanPreview preview = session->preview(plan, {});
        QVERIFY(!preview.plan.layers.empty());
    }

    void sweepEqualsSingleProcess_data() {
        QTest::addColumn<int>("world");
        QTest::newRow("2 processes") << 2;
        QTest::newRow("3 processes") << 3;
    }

    void sweepEqualsSingleProcess() {
        QFETCH(int, world);
        // 6 runs: svd-llm at 2 ratios, basis-sharing at 2 ratios x group sizes 1 and 2.
        auto sweepArgs = [&](const std::string& csv, const std::string& tex) {
            return QStringList{"sweep",
                               "--model",
                               QString::fromStdString(storiesModel()),
                               "--calib",
                               QString::fromStdString(single_),
                               "--methods",
                               "svd-llm,basis-sharing",
                               "--ratios",
                               "0.2,0.4",
                               "--group-sizes",
                               "1,2",
                               "--eval-text",
                               QString::fromStdString(demoDir() + "/text/tinystories_sample.txt"),
                               "--window",
                               "64",
                               "--dtype",
                               "float64",
                               "--threads",
                               "1",
                               "--quiet",
                               "--out",
                               QString::fromStdString(csv),
                               "--latex",
                               QString::fromStdString(tex)};
        };
        const std::string single_csv = path("sweep-single.csv"), single_tex = path("sweep-single.tex");
        if (!std::filesystem::exists(single_csv)) {
            QProcess p;
            p.start(BASISLAB_CLI, sweepArgs(single_csv, single_tex));
            QVERIFY(p.waitForFinished(300000));
            QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
        }
        const std::string csv = path("sweep" + std::to_string(world) + ".csv");
        const std::string tex = path("sweep" + std::to_string(world) + ".tex");
        const auto ranks = runRanks(world, sweepArgs(csv, tex), path("store-sweep" + std::to_string(world)));
        for (int r = 0; r < world; ++r)
            QVERIFY2(ranks[std::size_t(r)].exit_code == 0,
                     qPrintable(QString("rank %1: %2").arg(r).arg(ranks[std::size_t(r)].err)));

        auto lines = [](const std::string& file) {
            QFile f(QString::fromStdString(file));
            if (!f.open(QIODevice::ReadOnly)) return QStringList{};
            return QString::fromUtf8(f.readAll()).split('\n', Qt::SkipEmptyParts);
        };
        const QStringList a = lines(single_csv), b = lines(csv);
        QCOMPARE(a.size(), 2 + 6);
        QCOMPARE(b.size(), a.size());
        const QStringList header = a[0].split(',');
        const int compress_s = int(header.indexOf("compress_seconds")), eval_s = int(header.indexOf("eval_seconds"));
        QVERIFY(compress_s > 0 && eval_s > 0);
        QCOMPARE(b[0], a[0]);
        for (int i = 1; i < a.size(); ++i) {
            QStringList x = a[i].split(','), y = b[i].split(',');
            QCOMPARE(y.size(), x.size());
            for (int c : {compress_s, eval_s}) x[c] = y[c] = "(time)";  // timing columns may differ
            QCOMPARE(y.join(','), x.join(','));
        }
        QCOMPARE(lines(tex), lines(single_tex));
    }

    void mismatchedInputsAreRefused() {
        const std::string out = path("mismatch.h5");
        const auto ranks = runRanks(2, calibrateArgs(out), path("store-mismatch"), {{}, {"--shuffle-seed", "3"}});
        for (const Finished& f : ranks) {
            QVERIFY2(f.exit_code == 1, qPrintable(f.err));
            QVERIFY2(f.err.contains("the ranks' calibration inputs differ: rank 1 has window tokens sha256"),
                     qPrintable(f.err));
        }
        QVERIFY(!std::filesystem::exists(out));
    }

    void aRankThatNeverJoinsStopsTheOthers() {
        const std::string out = path("alone.h5");
        QElapsedTimer clock;
        clock.start();
        QProcess p;
        QStringList a = calibrateArgs(out);
        a << "--rank"
          << "0"
          << "--world-size"
          << "2"
          << "--store-file" << QString::fromStdString(path("store-alone")) << "--dist-timeout"
          << "2";
        p.start(BASISLAB_CLI, a);
        const Finished f = finish(p, 60000, clock);
        QCOMPARE(f.exit_code, 1);
        QVERIFY2(f.err.contains("rank 1 did not join the group") && f.err.contains("within 2 s"), qPrintable(f.err));
        QVERIFY(f.seconds < 30);
        QVERIFY(!std::filesystem::exists(out));
    }

    void aKilledRankStopsTheOthers() {
        TempDir work;
        const std::string out = (std::filesystem::path(work.path()) / "killed.h5").string();
        QStringList a = longCalibrateArgs(out);
        a << "--dist-timeout"
          << "30";
        QElapsedTimer clock;
        clock.start();
        auto procs = startRanks(3, a, path("store-killed"));
        std::vector<QString> seen(3);
        for (int r = 0; r < 3; ++r)  // every rank has joined and calibrates
            QVERIFY2(waitForStderr(*procs[std::size_t(r)], "[calibrate]", seen[std::size_t(r)]),
                     qPrintable(seen[std::size_t(r)]));
        QVERIFY2(procs[0]->state() == QProcess::Running, "rank 0 finished before the kill");
        ::kill(pid_t(procs[1]->processId()), SIGKILL);
        const qint64 killed_at = clock.elapsed();
        for (int r : {0, 2}) {
            const Finished f = finish(*procs[std::size_t(r)], 60000, clock, seen[std::size_t(r)]);
            const QString last = f.err.trimmed().split('\n').last();
            qInfo("rank %d stopped %.1f s after the kill: %s", r, f.seconds - double(killed_at) / 1000,
                  qPrintable(last));
            QCOMPARE(f.exit_code, 1);
            QVERIFY(f.seconds - double(killed_at) / 1000 < 30);
            QVERIFY2(last.startsWith(QString("basislab-cli: error: rank %1: rank 1 (pid ").arg(r)) &&
                         last.contains(") died during the all-reduce of the Gram of layer "),
                     qPrintable(f.err));
            QCOMPARE(f.err.count("error:"), 1);  // one error line
        }
        procs[1]->waitForFinished();
        QVERIFY2(leftovers(work.path()).isEmpty(), qPrintable(leftovers(work.path()).join(", ")));
    }

    void sigtermOnOneRankCancelsAll() {
        TempDir work;
        const std::string out = (std::filesystem::path(work.path()) / "term.h5").string();
        QElapsedTimer clock;
        clock.start();
        auto procs = startRanks(3, longCalibrateArgs(out), path("store-term"));
        std::vector<QString> seen(3);
        for (int r = 0; r < 3; ++r)
            QVERIFY2(waitForStderr(*procs[std::size_t(r)], "[calibrate]", seen[std::size_t(r)]),
                     qPrintable(seen[std::size_t(r)]));
        procs[2]->terminate();  // SIGTERM, as torchrun and Slurm send it
        const Finished t = finish(*procs[2], 60000, clock, seen[2]);
        QVERIFY(!t.crashed);
        QCOMPARE(t.exit_code, 130);
        QVERIFY2(t.err.contains("basislab-cli: cancelled"), qPrintable(t.err));
        for (int r : {0, 1}) {
            const Finished f = finish(*procs[std::size_t(r)], 60000, clock, seen[std::size_t(r)]);
            QCOMPARE(f.exit_code, 1);
            QVERIFY2(f.err.contains(QString("error: rank %1: rank 2 stopped: cancelled (SIGINT or SIGTERM)").arg(r)),
                     qPrintable(f.err));
        }
        QVERIFY2(leftovers(work.path()).isEmpty(), qPrintable(leftovers(work.path()).join(", ")));
    }
};

QTEST_GUILESS_MAIN(TestDistributed)
#include "test_distributed.moc"
