// basislab-cli's option parser (app/cli/args.h): every spelling the hand-written parser took still
// works, and every refusal names the option and what it expects.
#include "args.h"
#include "option_help.h"

#include "base/error.h"

#include <QtTest>

#include <string>
#include <vector>

using namespace basislab;
using namespace basislab::cli;

namespace {

/// The message of the Error that parsing (and then `use`) throws, or "" when none is thrown.
template <class Use>
std::string errorOf(const std::vector<std::string>& argv, Use use) {
    try {
        const Args args(argv, {"json", "refit"}, {"model", "ratio", "windows", "prompt", "shuffle-seed"});
        use(args);
    } catch (const Error& e) {
        return e.what();
    }
    return "";
}

std::string errorOf(const std::vector<std::string>& argv) {
    return errorOf(argv, [](const Args&) {});
}

}  // namespace

class TestArgs : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init() { Args::setCommand("compress", "usage: basislab-cli compress --model DIR --ratio R\n"); }

    void spellings() {
        const Args a({"--model", "m/dir", "--ratio=0.25", "--json", "--prompt", "a=b --c", "--shuffle-seed", "-3"},
                     {"json", "refit"}, {"model", "ratio", "prompt", "shuffle-seed"});
        QCOMPARE(a.require("model"), std::string("m/dir"));
        QCOMPARE(a.requireDouble("ratio"), 0.25);
        QVERIFY(a.flag("json"));
        QVERIFY(!a.flag("refit"));
        QCOMPARE(a.require("prompt"), std::string("a=b --c"));  // a value may hold '=' and dashes
        QCOMPARE(a.requireInt("shuffle-seed"), -3LL);  // and start with '-'
        QVERIFY(!a.has("windows"));
        QCOMPARE(a.get("windows", "7"), std::string("7"));
        QCOMPARE(a.getInt("windows", 7), 7LL);
        QCOMPARE(a.getDouble("windows", 0.5), 0.5);
        QVERIFY(!a.value("windows"));
    }

    void lastRepeatWins() {
        const Args a({"--ratio", "0.1", "--ratio=0.2", "--json", "--json"}, {"json"}, {"ratio"});
        QCOMPARE(a.requireDouble("ratio"), 0.2);
        QVERIFY(a.flag("json"));
    }

    void aValueMayLookLikeAnOption() {
        // As before: an option takes the next argument whatever it looks like.
        const Args a({"--prompt", "--json"}, {"json"}, {"prompt"});
        QCOMPARE(a.require("prompt"), std::string("--json"));
        QVERIFY(!a.flag("json"));
    }

    void emptyArguments() {
        const Args a({}, {"json"}, {"ratio"});
        QVERIFY(!a.flag("json"));
        QVERIFY(!a.has("ratio"));
    }

    void refusals() {
        QCOMPARE(errorOf({"--colour"}), std::string("unknown option --colour; see basislab-cli compress --help"));
        QCOMPARE(errorOf({"--ration=0.3"}),
                 std::string("unknown option --ration (did you mean --ratio?); see basislab-cli compress --help"));
        QCOMPARE(errorOf({"model"}),
                 std::string("unexpected argument 'model' (options are spelled --name VALUE or --name=VALUE)"));
        QCOMPARE(errorOf({"--ratio", "0.3", "0.4"}),
                 std::string("unexpected argument '0.4' (options are spelled --name VALUE or --name=VALUE)"));
        QCOMPARE(errorOf({"-r", "0.3"}),
                 std::string("unexpected argument '-r' (options are spelled --name VALUE or --name=VALUE)"));
        QCOMPARE(errorOf({"--json", "--ratio"}), std::string("option --ratio needs a value (--ratio R)"));
        QCOMPARE(errorOf({"--ratio="}), std::string("option --ratio needs a value (--ratio R)"));
        QCOMPARE(errorOf({"--json=yes"}), std::string("option --json takes no value, got 'yes'"));
        QCOMPARE(errorOf({}, [](const Args& a) { a.require("model"); }),
                 std::string("missing required option --model DIR"));
    }

    void typedValues() {
        QCOMPARE(errorOf({"--ratio", "abc"}, [](const Args& a) { a.requireDouble("ratio"); }),
                 std::string("--ratio expects a number in [0, 1), got 'abc'"));
        QCOMPARE(errorOf({"--ratio", "0.4x"}, [](const Args& a) { a.getDouble("ratio", 0); }),
                 std::string("--ratio expects a number in [0, 1), got '0.4x'"));
        QCOMPARE(errorOf({"--ratio", "inf"}, [](const Args& a) { a.requireDouble("ratio"); }),
                 std::string("--ratio expects a number in [0, 1), got 'inf'"));
        QCOMPARE(errorOf({"--windows", "2.5"}, [](const Args& a) { a.requireInt("windows"); }),
                 std::string("--windows expects a positive whole number, got '2.5'"));
        QCOMPARE(errorOf({"--windows", "99999999999999999999"}, [](const Args& a) { a.getInt("windows", 1); }),
                 std::string("--windows expects a positive whole number, got '99999999999999999999'"));
        QCOMPARE(errorOf({"--model", "x"}, [](const Args& a) { a.requireInt("model"); }),
                 std::string("--model expects an integer, got 'x'"));  // no table form: the generic one
        QCOMPARE(parseDouble("1e-3", "--x"), 1e-3);
        QCOMPARE(parseInt("-12", "--x"), -12LL);
        QCOMPARE(splitList(" a, b,,c ", ','), (std::vector<std::string>{"a", "b", "c"}));
    }

    void help() {
        for (const char* spelling : {"--help", "-h"}) {
            try {
                const Args a({"--model", "m", spelling}, {"json", "refit"}, {"model", "ratio", "unlisted"});
                QFAIL("no HelpRequested");
            } catch (const HelpRequested& h) {
                const QString text = QString::fromStdString(h.what());
                QVERIFY2(text.startsWith("usage: basislab-cli compress --model DIR --ratio R\n"), qPrintable(text));
                QVERIFY2(
                    text.contains(QRegularExpression(
                        "\n  --ratio R +fraction of the compressed matrices' parameters removed, in \\[0, 1\\)\n")),
                    qPrintable(text));
                QVERIFY2(text.contains(QRegularExpression("\n  --refit +refit each layer's coefficients")),
                         qPrintable(text));
                QVERIFY2(text.contains(QRegularExpression("\n  --unlisted VALUE *\n")), qPrintable(text));
                QVERIFY2(text.contains(QRegularExpression("\n  -h,--help +print this help and exit\n")),
                         qPrintable(text));
            }
        }
    }

    void perCommandEntries() {
        QCOMPARE(optionHelp("calibrate", "out").value, std::string("FILE.h5"));
        QCOMPARE(optionHelp("compress", "out").value, std::string("DIR"));
        QCOMPARE(optionHelp("sweep", "out").value, std::string("FILE.csv"));
        QCOMPARE(optionHelp("eval", "no-such-option").value, std::string("VALUE"));
    }
};

QTEST_GUILESS_MAIN(TestArgs)
#include "test_args.moc"
