// The launch of a distributed run (core/dist/launch.h): torchrun and Slurm environments, the
// command-line options, their precedence, every refusal, the device of a rank and the split of
// the windows (calib/calibration_shard.h).
#include "calib/calibration_shard.h"
#include "dist/launch.h"
#include "dist/process_group.h"
#include "test_helpers.h"

#include <QtTest>

#include <map>

using namespace basislab;
using namespace basislab::dist;
using namespace basislab::test;

namespace {

Environment envOf(std::map<std::string, std::string> vars) {
    return [vars](const std::string& name) -> std::optional<std::string> {
        const auto it = vars.find(name);
        if (it == vars.end()) return std::nullopt;
        return it->second;
    };
}

}  // namespace

class TestLaunch : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void singleProcessWithoutLauncher() {
        const LaunchConfig c = resolveLaunch({}, envOf({}));
        QVERIFY(!c.distributed());
        QCOMPARE(c.rank, 0);
        QCOMPARE(c.world_size, 1);
        QCOMPARE(c.timeout_seconds, 300.0);
    }

    void torchrunEnvironment() {
        const LaunchConfig c = resolveLaunch({}, envOf({{"RANK", "2"},
                                                        {"WORLD_SIZE", "4"},
                                                        {"LOCAL_RANK", "0"},
                                                        {"MASTER_ADDR", "node7"},
                                                        {"MASTER_PORT", "29500"}}));
        QVERIFY(c.distributed());
        QCOMPARE(c.rank, 2);
        QCOMPARE(c.world_size, 4);
        QCOMPARE(c.local_rank, 0);
        QCOMPARE(c.master_host, std::string("node7"));
        QCOMPARE(c.master_port, 29500);
        QCOMPARE(c.source, std::string("torchrun environment"));
        QCOMPARE(c.describe(), std::string("rank 2 of 4 (torchrun environment)"));
    }

    void slurmEnvironment() {
        const LaunchConfig c = resolveLaunch({}, envOf({{"SLURM_PROCID", "5"},
                                                        {"SLURM_NTASKS", "8"},
                                                        {"SLURM_LOCALID", "1"},
                                                        {"MASTER_ADDR", "10.0.0.1"},
                                                        {"MASTER_PORT", "12345"}}));
        QCOMPARE(c.rank, 5);
        QCOMPARE(c.world_size, 8);
        QCOMPARE(c.local_rank, 1);
        QCOMPARE(c.source, std::string("Slurm environment"));
        // Slurm gives no meeting place: --master does.
        LaunchOptions o;
        o.master = "head:4000";
        const LaunchConfig d = resolveLaunch(o, envOf({{"SLURM_PROCID", "0"}, {"SLURM_NTASKS", "2"}}));
        QCOMPARE(d.master_host, std::string("head"));
        QCOMPARE(d.master_port, 4000);
        // One Slurm task is a single process.
        QVERIFY(!resolveLaunch({}, envOf({{"SLURM_PROCID", "0"}, {"SLURM_NTASKS", "1"}})).distributed());
    }

    void optionsWinOverTheEnvironment() {
        LaunchOptions o;
        o.rank = 1;
        o.world_size = 3;
        o.store_file = "/shared/run1.store";
        o.timeout_seconds = 20;
        const LaunchConfig c =
            resolveLaunch(o, envOf({{"RANK", "0"}, {"WORLD_SIZE", "2"}, {"SLURM_PROCID", "4"}, {"SLURM_NTASKS", "9"}}));
        QCOMPARE(c.rank, 1);
        QCOMPARE(c.world_size, 3);
        QCOMPARE(c.local_rank, 1);
        QCOMPARE(c.store_file, std::string("/shared/run1.store"));
        QVERIFY(c.master_host.empty());
        QCOMPARE(c.timeout_seconds, 20.0);
        QCOMPARE(c.source, std::string("options"));
        // torchrun's variables win over Slurm's (torchrun inside an srun allocation).
        const LaunchConfig t = resolveLaunch({}, envOf({{"RANK", "1"},
                                                        {"WORLD_SIZE", "2"},
                                                        {"MASTER_ADDR", "a"},
                                                        {"MASTER_PORT", "1"},
                                                        {"SLURM_PROCID", "0"},
                                                        {"SLURM_NTASKS", "1"}}));
        QCOMPARE(t.rank, 1);
        QCOMPARE(t.source, std::string("torchrun environment"));
    }

    void hostAndPort() {
        QCOMPARE(parseHostPort("127.0.0.1:29500", "--master"), std::make_pair(std::string("127.0.0.1"), 29500));
        QCOMPARE(parseHostPort("[::1]:80", "--master"), std::make_pair(std::string("::1"), 80));
        QVERIFY(errorOf([] { parseHostPort("node", "--master"); }).contains("--master must be HOST:PORT"));
        QVERIFY(errorOf([] { parseHostPort(":80", "--master"); }).contains("--master has no host"));
        QVERIFY(errorOf([] { parseHostPort("a:70000", "--master"); }).contains("port number 1..65535"));
        QVERIFY(errorOf([] { parseHostPort("a:x1", "--master"); }).contains("must be a whole number, got 'x1'"));
        QVERIFY(errorOf([] { parseHostPort("::1:80", "--master"); }).contains("[IPv6]:PORT"));
    }

    void refusals() {
        auto launchError = [](LaunchOptions o, std::map<std::string, std::string> env) {
            return errorOf([&] { resolveLaunch(o, envOf(env)); });
        };
        LaunchOptions only_rank;
        only_rank.rank = 0;
        QVERIFY(launchError(only_rank, {}).contains("--rank and --world-size go together"));
        LaunchOptions outside;
        outside.rank = 3;
        outside.world_size = 3;
        outside.master = "h:1";
        QVERIFY(launchError(outside, {}).contains("rank 3 is outside 0..2"));
        LaunchOptions zero;
        zero.rank = 0;
        zero.world_size = 0;
        QVERIFY(launchError(zero, {}).contains("the world size must be at least 1"));
        QVERIFY(launchError({}, {{"RANK", "x"}, {"WORLD_SIZE", "2"}})
                    .contains("environment variable RANK must be a whole number, got 'x'"));
        QVERIFY(launchError({}, {{"RANK", "1"}}).contains("only one of RANK and WORLD_SIZE"));
        QVERIFY(launchError({}, {{"RANK", "1"}, {"WORLD_SIZE", "2"}}).contains("needs a meeting place: MASTER_ADDR"));
        QVERIFY(launchError({}, {{"RANK", "1"}, {"WORLD_SIZE", "2"}, {"MASTER_ADDR", "h"}, {"MASTER_PORT", "0"}})
                    .contains("environment variable MASTER_PORT must be a port number"));
        QVERIFY(launchError({}, {{"SLURM_PROCID", "2"}, {"SLURM_NTASKS", "2"}}).contains("rank 2 is outside 0..1"));
        LaunchOptions both;
        both.rank = 0;
        both.world_size = 2;
        both.master = "h:1";
        both.store_file = "f";
        QVERIFY(launchError(both, {}).contains("exclude each other"));
        LaunchOptions single_master;
        single_master.master = "h:1";
        QVERIFY(launchError(single_master, {}).contains("need a distributed launch"));
        LaunchOptions bad_timeout;
        bad_timeout.timeout_seconds = 0;
        QVERIFY(launchError(bad_timeout, {}).contains("--dist-timeout must be a positive number"));
        bad_timeout.timeout_seconds = -3;
        QVERIFY(launchError(bad_timeout, {}).contains("--dist-timeout"));
    }

    void deviceOfARank() {
        LaunchConfig c;
        c.world_size = 4;
        c.rank = 3;
        c.local_rank = 1;
        QCOMPARE(deviceForRank("cuda", c), std::string("cuda:1"));
        QCOMPARE(deviceForRank("cuda:0", c), std::string("cuda:0"));  // an explicit index stays
        QCOMPARE(deviceForRank("cpu", c), std::string("cpu"));
        c.local_rank = -1;
        QCOMPARE(deviceForRank("cuda", c), std::string("cuda"));
        LaunchConfig single;
        single.local_rank = 2;
        QCOMPARE(deviceForRank("cuda", single), std::string("cuda"));
    }

    void windowSplit() {
        // Contiguous blocks that cover 0..N-1 exactly once, the first N mod W ranks one longer.
        for (std::int64_t n : {1, 2, 3, 7, 10, 64})
            for (int w = 1; w <= 5; ++w) {
                std::int64_t next = 0;
                for (int r = 0; r < w; ++r) {
                    const auto [b, e] = windowShare(n, r, w);
                    QCOMPARE(b, next);
                    QCOMPARE(e - b, n / w + (r < n % w ? 1 : 0));
                    next = e;
                }
                QCOMPARE(next, n);
            }
    }

    void unreachableStoreIsAClearError() {
        if (!available()) QSKIP("built without the Gloo headers");
        TempDir dir;
        LaunchConfig c;
        c.rank = 1;
        c.world_size = 2;
        c.master_host = "127.0.0.1";
        c.master_port = 9;  // discard: nothing listens
        c.timeout_seconds = 1;
        const QString e = errorOf([&] { ProcessGroup::join(c); });
        QVERIFY2(e.contains("rank 1 cannot reach the group's meeting place 127.0.0.1:9 within 1 s"), qPrintable(e));
    }
};

QTEST_GUILESS_MAIN(TestLaunch)
#include "test_launch.moc"
