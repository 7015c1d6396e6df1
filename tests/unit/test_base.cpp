// core/base: hashing, atomic files, UTF-8 checks, progress and cancellation.
#include "base/atomic_file.h"
#include "base/error.h"
#include "base/progress.h"
#include "base/sha256.h"
#include "model/tokenizer.h"

#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>

using namespace basislab;

class TestBase : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void sha256KnownVectors() {
        // FIPS 180-4 examples.
        QCOMPARE(sha256Hex(""), std::string("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
        QCOMPARE(sha256Hex("abc"), std::string("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
        QCOMPARE(sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
                 std::string("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"));
        Sha256 million;
        const std::string a(1000, 'a');
        for (int i = 0; i < 1000; ++i) million.update(a);
        QCOMPARE(million.hexDigest(), std::string("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"));
    }

    void atomicWriteReplacesOnlyOnCommit() {
        QTemporaryDir tmp;
        const std::string path = tmp.filePath("out.txt").toStdString();
        writeFileAtomically(path, "first");
        QCOMPARE(readFileBytes(path), std::string("first"));
        std::string temp;
        {
            AtomicFile file(path);
            temp = file.tempPath();
            writeFileAtomically(temp, "half-written");  // some writer fills the temporary file...
            // ...but the job is abandoned before commit()
        }
        QCOMPARE(readFileBytes(path), std::string("first"));
        QVERIFY(!std::filesystem::exists(temp));
        QCOMPARE(std::distance(std::filesystem::directory_iterator(tmp.path().toStdString()),
                               std::filesystem::directory_iterator{}),
                 1L);
    }

    void atomicWriteToMissingFolderFails() {
        try {
            writeFileAtomically("/nonexistent-basislab-dir/x.txt", "x");
            QFAIL("no error");
        } catch (const Error& e) {
            QVERIFY(QString(e.what()).contains("/nonexistent-basislab-dir/x.txt"));
        }
    }

    void utf8Validation_data() {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<qlonglong>("bad");
        QTest::newRow("ascii") << QByteArray("hello") << qlonglong(-1);
        QTest::newRow("korean") << QByteArray("\xea\xb8\xb0\xec\xa0\x80") << qlonglong(-1);
        QTest::newRow("emoji") << QByteArray("a\xf0\x9f\x98\x80") << qlonglong(-1);
        QTest::newRow("lone continuation") << QByteArray("ab\x80") << qlonglong(2);
        QTest::newRow("truncated sequence") << QByteArray("abc\xe2\x82") << qlonglong(3);
        QTest::newRow("overlong") << QByteArray("\xc0\xaf") << qlonglong(0);
        QTest::newRow("surrogate") << QByteArray("x\xed\xa0\x80") << qlonglong(1);
        QTest::newRow("latin-1") << QByteArray("caf\xe9") << qlonglong(3);
    }
    void utf8Validation() {
        QFETCH(QByteArray, bytes);
        QFETCH(qlonglong, bad);
        const std::size_t got = firstInvalidUtf8(std::string_view(bytes.constData(), std::size_t(bytes.size())));
        QCOMPARE(got == std::string_view::npos ? -1LL : qlonglong(got), bad);
    }

    void progressCancels() {
        int calls = 0;
        ProgressReporter r([&](const Progress& p) { return ++calls < 3 && p.stage == "work"; }, "work", 10);
        r.report(1);
        r.report(2);
        QVERIFY_THROWS_EXCEPTION(Cancelled, r.report(3));
        QCOMPARE(calls, 3);
    }

    void progressComputesEta() {
        Progress last;
        ProgressReporter r(
            [&](const Progress& p) {
                last = p;
                return true;
            },
            "work", 4);
        QTest::qWait(20);
        r.report(1, 100);
        QCOMPARE(last.done, std::int64_t(1));
        QCOMPARE(last.total, std::int64_t(4));
        QVERIFY(last.tokens_per_second > 0);
        QVERIFY(last.eta_seconds > 0);
    }
};

QTEST_GUILESS_MAIN(TestBase)
#include "test_base.moc"
