// The workbench document: undoable plan edits (merging slider drags), the runs table (sorting,
// reference run, CSV and LaTeX export) and the document <-> session round trip.
#include "gui_test.h"

#include "api/plan_compare.h"
#include "plan_text.h"
#include "runs_table_model.h"
#include "workbench_document.h"

#include <QSortFilterProxyModel>
#include <QUndoStack>

#include <cmath>

using namespace basislab;
using namespace basislab::gui;

namespace {

api::RunRecord run(Method method, double ratio, double ppl, bool compressed = true) {
    api::RunRecord r;
    r.compressed = compressed;
    r.plan.method = method;
    r.plan.ratio = ratio;
    r.achieved_ratio = ratio;
    r.ppl = ppl;
    r.text_path = "/data/wiki_test.raw";
    r.window = 256;
    r.windows = 10;
    return r;
}

}  // namespace

class TestDocument : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void planEditsAreUndoable() {
        WorkbenchDocument doc;
        const CompressionPlan original = doc.plan();
        CompressionPlan p = original;
        p.alpha = AlphaForm::parse("inv-trace");
        doc.editPlan(p, QStringLiteral("alpha"));
        QCOMPARE(doc.plan().alpha.text(), std::string("inv-trace"));
        doc.undoStack()->undo();
        QVERIFY(api::samePlan(doc.plan(), original));
        doc.undoStack()->redo();
        QCOMPARE(doc.plan().alpha.text(), std::string("inv-trace"));
    }

    void sliderDragsMergeIntoOneStep() {
        WorkbenchDocument doc;
        const double before = doc.plan().ratio;
        QSignalSpy changed(&doc, &WorkbenchDocument::planChanged);
        for (double r : {0.21, 0.22, 0.3, 0.35}) {
            CompressionPlan p = doc.plan();
            p.ratio = r;
            doc.editPlan(p, QStringLiteral("ratio"), 1);
        }
        QCOMPARE(changed.count(), 4);
        QCOMPARE(doc.undoStack()->count(), 1);
        doc.undoStack()->undo();
        QCOMPARE(doc.plan().ratio, before);
        QVERIFY(doc.isModified());
    }

    void unchangedPlanPushesNothing() {
        WorkbenchDocument doc;
        doc.editPlan(doc.plan(), QStringLiteral("nothing"));
        QCOMPARE(doc.undoStack()->count(), 0);
    }

    void everyCoreTextHasItsTranslatableCopy() {
        // The workbench repeats the core's English texts inside tr(); they must not drift apart.
        for (const AlphaFormInfo& f : alphaForms()) {
            QCOMPARE(alphaFormLabel(f.id), QString::fromStdString(f.label));
            QCOMPARE(alphaFormExplanation(f.id), QString::fromStdString(f.explanation));
        }
        for (MatrixType t : kMatrixTypes) QCOMPARE(sharingCaveatText(t), QString::fromStdString(sharingCaveat(t)));
        QCOMPARE(alphaLabel(AlphaForm::parse("power:0.75")), QStringLiteral("Trace power (p = 0.75)"));
        QCOMPARE(alphaLabel(AlphaForm::parse("normalised:fro")), QStringLiteral("Scale-normalised (fro)"));
    }

    void runsTableSortsAndCompares() {
        WorkbenchDocument doc;
        doc.addRun(run(Method::svd, 0, 10.0, false));
        doc.addRun(run(Method::svd_llm, 0.4, 30.0));
        doc.addRun(run(Method::basis_sharing, 0.4, 20.0));
        RunsTableModel model(&doc);
        QSortFilterProxyModel proxy;
        proxy.setSourceModel(&model);
        proxy.setSortRole(RunsTableModel::SortRole);
        proxy.sort(RunsTableModel::Ppl, Qt::DescendingOrder);
        QCOMPARE(proxy.index(0, RunsTableModel::Method).data().toString(), QStringLiteral("SVD-LLM"));
        QCOMPARE(proxy.index(2, RunsTableModel::Method).data().toString(), QStringLiteral("Original (uncompressed)"));
        QCOMPARE(proxy.index(2, RunsTableModel::Ratio).data().toString(), QStringLiteral("—"));

        QCOMPARE(model.index(1, RunsTableModel::DeltaPpl).data().toString(), QStringLiteral("—"));
        model.setReference(0);
        QVERIFY(model.index(1, RunsTableModel::DeltaPpl).data().toString().startsWith(QStringLiteral("20.000")));
        QCOMPARE(model.index(2, RunsTableModel::DeltaPpl).data(RunsTableModel::SortRole).toDouble(), 10.0);
        doc.removeRuns({0});
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.reference(), 0);  // still a valid row; cleared only when out of range
    }

    void protocolsAndZeroShotColumns() {
        WorkbenchDocument doc;
        doc.addRun(run(Method::svd, 0, 10.0, false));
        api::RunRecord b = run(Method::svd_llm, 0.4, 12.0);
        b.protocol = PerplexityProtocol::svd_llm;
        b.zeroshot = {{"piqa", "/t/piqa.jsonl", 4, 0.5, 0.2886751345948129, 0.25, 0.25},
                      {"winogrande", "/t/winogrande.jsonl", 4, 0.75, 0.25, NAN, NAN}};
        doc.addRun(b);
        api::RunRecord c = run(Method::basis_sharing, 0.4, 11.0);
        c.zeroshot = {{"piqa", "/t/piqa.jsonl", 4, 0.25, 0.25, 0.5, 0.2886751345948129}};
        doc.addRun(c);
        RunsTableModel model(&doc);
        QCOMPARE(model.columnCount(), RunsTableModel::Count + 3);
        QCOMPARE(model.zeroShotTasks(), (QStringList{QStringLiteral("piqa"), QStringLiteral("winogrande")}));
        QCOMPARE(model.headerData(RunsTableModel::Count, Qt::Horizontal, Qt::DisplayRole).toString(),
                 QStringLiteral("piqa acc"));
        QCOMPARE(model.headerData(RunsTableModel::Count + 2, Qt::Horizontal, Qt::DisplayRole).toString(),
                 QStringLiteral("Mean acc"));
        QCOMPARE(model.index(1, RunsTableModel::Protocol).data().toString(), QStringLiteral("svd-llm"));
        QCOMPARE(model.index(0, RunsTableModel::Count).data().toString(), QStringLiteral("—"));
        QCOMPARE(model.index(1, RunsTableModel::Count).data().toString(), QLocale().toString(50.0, 'f', 1));
        QCOMPARE(model.index(1, RunsTableModel::Count + 2).data().toString(), QLocale().toString(62.5, 'f', 1));
        QCOMPARE(model.index(2, RunsTableModel::Count + 1).data().toString(), QStringLiteral("—"));
        QCOMPARE(model.index(2, RunsTableModel::Count + 2).data(RunsTableModel::SortRole).toDouble(), 0.25);
        // Δ PPL only between runs of the same protocol.
        model.setReference(0);
        QCOMPARE(model.index(1, RunsTableModel::DeltaPpl).data().toString(), QStringLiteral("—"));
        QVERIFY(model.index(2, RunsTableModel::DeltaPpl).data().toString().startsWith(QLocale().toString(1.0, 'f', 3)));
        const QStringList csv = model.toCsv().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QVERIFY2(csv[0].endsWith(QStringLiteral(
                     ",finished_at,protocol,zeroshot_piqa_acc,zeroshot_piqa_acc_stderr,zeroshot_piqa_acc_norm,"
                     "zeroshot_piqa_acc_norm_stderr,zeroshot_winogrande_acc,zeroshot_winogrande_acc_stderr,"
                     "zeroshot_winogrande_acc_norm,zeroshot_winogrande_acc_norm_stderr,zeroshot_mean_acc,update")),
                 qPrintable(csv[0]));
        QVERIFY2(csv[2].endsWith(QStringLiteral(",svd-llm,0.5,0.28867513459481292,0.25,0.25,0.75,0.25,,,0.625,none")),
                 qPrintable(csv[2]));
        QVERIFY2(csv[1].endsWith(QStringLiteral(",basislab,,,,,,,,,,")), qPrintable(csv[1]));
        const QString tex = model.toLatex();
        QVERIFY2(tex.contains(QStringLiteral("\\begin{tabular}{lrlllrrrrr}")), qPrintable(tex));
        QVERIFY2(tex.contains(QStringLiteral("12.00 & -- & 50.0 & 75.0 & 62.5 \\\\")), qPrintable(tex));
    }

    void runsExportAsCsvAndLatex() {
        WorkbenchDocument doc;
        api::RunRecord r = run(Method::basis_sharing, 0.4, 12.5);
        r.plan.types = {MatrixType::q, MatrixType::k, MatrixType::o};
        r.plan.shared = {MatrixType::q, MatrixType::k};
        r.plan.group_size[0] = r.plan.group_size[1] = 4;
        r.plan.alpha = AlphaForm::parse("power:0.5");
        r.error = 0.125;
        doc.addRun(r);
        RunsTableModel model(&doc);
        const QStringList csv = model.toCsv().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(csv.size(), 2);
        QVERIFY(csv[0].startsWith(QStringLiteral("run,method,ratio,achieved_ratio,groups,alpha,refit,ppl,error")));
        QVERIFY2(csv[1].startsWith(QStringLiteral(
                     "1,basis-sharing,0.40000000000000002,0.40000000000000002,\"q,k ×4\",power:0.5,0,12.5,0.125")),
                 qPrintable(csv[1]));
        QVERIFY2(csv[1].endsWith(QStringLiteral(",none")), qPrintable(csv[1]));  // the update, last
        const QString tex = model.toLatex();
        QVERIFY(tex.contains(QStringLiteral("\\toprule")) && tex.contains(QStringLiteral("\\bottomrule")));
        QVERIFY2(
            tex.contains(QStringLiteral("Basis Sharing & 40.0\\% & q,k $\\times$4 & Trace power (p = 0.5) & None & "
                                        "12.50 & 0.1250 \\\\")),
            qPrintable(tex));
    }

    void documentRoundTripsThroughSessionData() {
        WorkbenchDocument doc;
        CompressionPlan p = doc.plan();
        p.method = Method::svd_llm;
        p.ratio = 0.3;
        p.refit = true;
        p.allocation = Allocation::error;
        doc.setPlan(p);
        api::PerplexityRequest e;
        e.text_path = "/t.txt";
        e.window = 64;
        e.max_windows = 3;
        doc.setEvaluationRequest(e);
        doc.addRun(run(Method::svd, 0, 5, false));
        const api::SessionData data = doc.toSession();

        WorkbenchDocument back;
        back.applySession(data);
        QVERIFY(api::samePlan(back.plan(), p));
        QVERIFY(back.plan().allocation == Allocation::error);
        QCOMPARE(back.evaluationRequest().max_windows, std::int64_t(3));
        QCOMPARE(back.runs().size(), 1);
        QVERIFY(!back.isModified());
        QCOMPARE(back.undoStack()->count(), 0);
    }
};

BASISLAB_GUI_TEST_MAIN(TestDocument)
#include "test_document.moc"
