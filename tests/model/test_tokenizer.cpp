// The SentencePiece tokenizer against llama2.c's encoder: whole files, id for id.
#include "base/error.h"
#include "model/tokenizer.h"
#include "test_paths.h"

#include <QtTest>

using namespace basislab;
using namespace basislab::test;

class TestTokenizer : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void prompt() {
        Tokenizer tok(storiesModel() + "/tokenizer.model");
        QCOMPARE(tok.vocabSize(), 512);
        QCOMPARE(tok.bos(), 1);
        QCOMPARE(tok.eos(), 2);
        QCOMPARE(tok.encode("Once upon a time"), (std::vector<int>{403, 407, 261, 378}));
        QCOMPARE(tok.decode({403, 407, 261, 378}), std::string("Once upon a time"));
    }

    void wholeFiles_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("reference");
        QTest::newRow("TinyStories-valid") << "TinyStories-valid.txt"
                                           << "TinyStories-valid.as_is.tok512.u16";
        QTest::newRow("tinystories_sample") << "tinystories_sample.txt"
                                            << "tinystories_sample.as_is.tok512.u16";
        QTest::newRow("wiki.test") << "wiki.test.raw"
                                   << "wiki.test.as_is.tok512.u16";
    }
    void wholeFiles() {
        QFETCH(QString, text);
        QFETCH(QString, reference);
        Tokenizer tok(storiesModel() + "/tokenizer.model");
        const std::vector<int> ids = tok.encode(readUtf8File(textPath(text.toStdString())));
        const std::vector<int> ref = readU16(referenceDir() + "/tokens/" + reference.toStdString());
        QCOMPARE(ids.size(), ref.size());
        std::size_t first_diff = ids.size();
        for (std::size_t i = 0; i < ids.size() && first_diff == ids.size(); ++i)
            if (ids[i] != ref[i]) first_diff = i;
        QVERIFY2(first_diff == ids.size(), qPrintable(QString("first difference at token %1").arg(first_diff)));
        qInfo("%s: %zu tokens identical to llama2.c run.c", qPrintable(text), ids.size());
    }

    void badModelFile() { QVERIFY_THROWS_EXCEPTION(Error, Tokenizer("/nonexistent/tokenizer.model")); }
};

QTEST_GUILESS_MAIN(TestTokenizer)
#include "test_tokenizer.moc"
