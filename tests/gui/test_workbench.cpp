// The real main window, driven like a user would: open the demo model, evaluate, save and reopen a
// session, cancel a running job, close the window mid-job, switch the language, and measure how
// responsive the GUI thread stays while the worker computes.
#include "gui_test.h"

#include "api/model_session.h"
#include "app_settings.h"
#include "demo.h"
#include "evaluation_page.h"
#include "export_dialog.h"
#include "job_controller.h"
#include "main_window.h"
#include "runs_table_model.h"
#include "workbench_document.h"

#include <QCheckBox>
#include <QFrame>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QTableView>
#include <QTableWidget>
#include <QTimer>

#include <algorithm>
#include <memory>

using namespace basislab;
using namespace basislab::gui;
using basislab::test::waitUntil;

namespace {

const QString kDemoModel = QStringLiteral(BASISLAB_DEMO_DIR "/stories260k");
const QString kWiki = QStringLiteral(BASISLAB_DEMO_DIR "/text/wiki.test.raw");

std::unique_ptr<MainWindow> newWindow() {
    MainWindow::Options o;
    o.interactive = false;
    o.language = QStringLiteral("en");
    auto w = std::make_unique<MainWindow>(o);
    w->show();
    return w;
}

bool openDemo(MainWindow& w) {
    QSignalSpy ready(&w, &MainWindow::modelReady);
    w.openDemo();
    return ready.wait(20000) && ready.first().first().toBool();
}

template <class T>
T* child(MainWindow& w, const char* name) {
    T* c = w.findChild<T*>(QLatin1String(name));
    if (!c) qFatal("no child %s", name);
    return c;
}

/// Sets the evaluation page's text, window and max windows as a user would.
void setEvaluation(MainWindow& w, const QString& text, int window, int max_windows) {
    auto* edit = child<QLineEdit>(w, "evaluationTextEdit");
    edit->setText(text);
    Q_EMIT edit->editingFinished();
    child<QSpinBox>(w, "evaluationWindowSpin")->setValue(window);
    child<QSpinBox>(w, "evaluationMaxWindowsSpin")->setValue(max_windows);
}

}  // namespace

class TestWorkbench : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void opensTheDemoModel() {
        auto w = newWindow();
        QVERIFY(openDemo(*w));
        const ModelInfoPtr& info = w->document()->modelInfo();
        QVERIFY(info);
        QCOMPARE(info->total_params, std::int64_t(260032));
        QCOMPARE(child<QTableWidget>(*w, "parameterTable")->rowCount(), 10);  // 7 types, embedding (tied), norms, total
        // The demo text (from the Qt resource file) becomes the default evaluation and calibration text.
        QCOMPARE(QString::fromStdString(w->document()->evaluationRequest().text_path), demo::textPath());
        QVERIFY(QFileInfo::exists(demo::textPath()));
        QVERIFY(AppSettings::recentModels().contains(kDemoModel) ||
                AppSettings::recentModels().contains(QFileInfo(kDemoModel).canonicalFilePath()));
    }

    void offersTheDemoOnceWhenNoModelIsOpen() {
        AppSettings::setDemoOffered(false);
        auto w = newWindow();
        w->offerDemoIfNoModel();
        auto* banner = child<QFrame>(*w, "demoBanner");
        QVERIFY(banner->isVisible());
        QSignalSpy ready(w.get(), &MainWindow::modelReady);
        child<QPushButton>(*w, "demoOpenButton")->click();
        QVERIFY(ready.wait(20000));
        QVERIFY(!banner->isVisible());
        QVERIFY(AppSettings::demoOffered());
        auto again = newWindow();
        again->offerDemoIfNoModel();
        QVERIFY(!child<QFrame>(*again, "demoBanner")->isVisible());
    }

    void aMissingModelIsAReadableError() {
        auto w = newWindow();
        QSignalSpy errors(w.get(), &MainWindow::errorReported);
        QSignalSpy ready(w.get(), &MainWindow::modelReady);
        w->openModel(QStringLiteral("/nonexistent/model"));
        QVERIFY(ready.wait(10000));
        QCOMPARE(ready.first().first().toBool(), false);
        QCOMPARE(errors.count(), 1);
        QVERIFY2(w->lastError().contains(QStringLiteral("does not exist")), qPrintable(w->lastError()));
        QVERIFY(!w->document()->modelInfo());
    }

    void evaluationLandsInTheRunsTable() {
        auto w = newWindow();
        QVERIFY(openDemo(*w));
        setEvaluation(*w, QStringLiteral(BASISLAB_DEMO_DIR "/text/tinystories_sample.txt"), 64, 4);
        QSignalSpy runs(w->document(), &WorkbenchDocument::runsChanged);
        child<QPushButton>(*w, "evaluateButton")->click();
        QVERIFY(runs.wait(20000));
        auto* table = child<QTableView>(*w, "runsTable");
        QCOMPARE(table->model()->rowCount(), 1);
        const api::RunRecord& r = w->document()->runs().first();
        QCOMPARE(r.windows, std::int64_t(4));
        QCOMPARE(r.window, 64);
        // The same measurement straight through the facade, on this thread: identical.
        api::PerplexityRequest request;
        request.text_path = r.text_path;
        request.window = 64;
        request.max_windows = 4;
        const auto session = api::ModelSession::open(kDemoModel.toStdString(), ComputeOptions{});
        QCOMPARE(r.ppl, session->perplexity(request, {}).ppl);
        QCOMPARE(table->model()->index(0, RunsTableModel::Ppl).data().toString(), QLocale().toString(r.ppl, 'f', 3));
        QVERIFY(w->evaluationPage()->findChild<QWidget*>(QStringLiteral("runsPlot")));
    }

    void sessionSavesAndReopens() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("demo.blsession"));
        {
            auto w = newWindow();
            QVERIFY(openDemo(*w));
            setEvaluation(*w, QStringLiteral(BASISLAB_DEMO_DIR "/text/tinystories_sample.txt"), 32, 2);
            QSignalSpy runs(w->document(), &WorkbenchDocument::runsChanged);
            child<QPushButton>(*w, "evaluateButton")->click();
            QVERIFY(runs.wait(20000));
            api::PlanSettings p = w->document()->plan();
            p.ratio = 0.55;
            w->document()->editPlan(p, QStringLiteral("ratio"));
            QVERIFY(w->document()->isModified());
            QVERIFY(w->saveSession(path));
            QVERIFY(!w->document()->isModified());
            QVERIFY(w->windowTitle().startsWith(QStringLiteral("demo.blsession")));
        }
        auto w = newWindow();
        QSignalSpy ready(w.get(), &MainWindow::modelReady);
        QVERIFY(w->openSession(path));
        QVERIFY(ready.wait(20000));
        QVERIFY(ready.first().first().toBool());
        QCOMPARE(w->document()->runs().size(), 1);
        QCOMPARE(w->document()->plan().ratio, 0.55);
        QCOMPARE(w->document()->evaluationRequest().window, 32);
        QCOMPARE(child<QSpinBox>(*w, "evaluationWindowSpin")->value(), 32);
        QCOMPARE(child<QTableView>(*w, "runsTable")->model()->rowCount(), 1);
        QCOMPARE(QFileInfo(w->document()->modelDir()).canonicalFilePath(), QFileInfo(kDemoModel).canonicalFilePath());
        QVERIFY(!w->document()->isModified());
    }

    void cancellingAJobIsPrompt() {
        auto w = newWindow();
        QVERIFY(openDemo(*w));
        setEvaluation(*w, kWiki, 256, 0);  // the whole of WikiText-2: about a minute of work
        QSignalSpy progress(w->jobs(), &JobController::progress);
        QSignalSpy cancelled(w->jobs(), &JobController::jobCancelled);
        child<QPushButton>(*w, "evaluateButton")->click();
        QVERIFY(progress.wait(20000));
        auto* cancel = child<QPushButton>(*w, "evaluationCancelButton");
        QVERIFY(cancel->isEnabled());
        QElapsedTimer clock;
        clock.start();
        cancel->click();
        QVERIFY(cancelled.wait(10000));
        const qint64 ms = clock.elapsed();
        qInfo("cancel -> cancelled in %lld ms", static_cast<long long>(ms));
        QVERIFY2(ms < 2000, qPrintable(QStringLiteral("cancel took %1 ms").arg(ms)));
        QVERIFY(w->document()->runs().isEmpty());
        QVERIFY(!w->jobs()->busy());
        QVERIFY(child<QProgressBar>(*w, "evaluationProgress")->format().startsWith(QStringLiteral("Cancelled")));
        QVERIFY(child<QPushButton>(*w, "evaluateButton")->isEnabled());
    }

    void guiStaysResponsiveDuringAJob() {
        auto w = newWindow();
        QVERIFY(openDemo(*w));
        setEvaluation(*w, kWiki, 256, 0);
        QSignalSpy progress(w->jobs(), &JobController::progress);
        child<QPushButton>(*w, "evaluateButton")->click();
        QVERIFY(progress.wait(20000));
        // A 10 ms timer on the GUI thread: how late does it fire while the worker computes?
        QElapsedTimer clock;
        clock.start();
        qint64 last = 0, worst = 0, sum = 0, ticks = 0;
        QTimer timer;
        timer.setTimerType(Qt::PreciseTimer);
        QObject::connect(&timer, &QTimer::timeout, [&] {
            const qint64 now = clock.nsecsElapsed();
            if (last) {
                const qint64 late = std::max<qint64>(0, now - last - 10'000'000);
                worst = std::max(worst, late);
                sum += late;
                ++ticks;
            }
            last = now;
        });
        timer.start(10);
        QTest::qWait(3000);
        timer.stop();
        const bool still_running = w->jobs()->busy();
        w->jobs()->cancel();
        QVERIFY(waitUntil([&] { return !w->jobs()->busy(); }, 10000));
        QVERIFY(still_running);
        QVERIFY(ticks > 100);
        const double worst_ms = double(worst) / 1e6, mean_ms = double(sum) / double(ticks) / 1e6;
        qInfo("event-loop latency during evaluation: max %.1f ms, mean %.2f ms over %lld ticks of 10 ms", worst_ms,
              mean_ms, static_cast<long long>(ticks));
        QVERIFY2(worst_ms < 250, qPrintable(QStringLiteral("worst latency %1 ms").arg(worst_ms)));
        QVERIFY2(mean_ms < 20, qPrintable(QStringLiteral("mean latency %1 ms").arg(mean_ms)));
    }

    void closingTheWindowMidJobCancelsCleanly() {
        auto w = newWindow();
        QVERIFY(openDemo(*w));
        setEvaluation(*w, kWiki, 256, 0);
        QSignalSpy progress(w->jobs(), &JobController::progress);
        child<QPushButton>(*w, "evaluateButton")->click();
        QVERIFY(progress.wait(20000));
        QElapsedTimer clock;
        clock.start();
        QVERIFY(w->close());
        w.reset();  // joins the worker thread
        qInfo("close + destroy during a job: %lld ms", static_cast<long long>(clock.elapsed()));
        QVERIFY(clock.elapsed() < 3000);
    }

    void droppingAModelFolderOpensIt() {
        auto w = newWindow();
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(kDemoModel)});
        QDragEnterEvent enter(QPoint(5, 5), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(w.get(), &enter);
        QVERIFY(enter.isAccepted());
        QSignalSpy ready(w.get(), &MainWindow::modelReady);
        QDropEvent drop(QPointF(5, 5), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(w.get(), &drop);
        QVERIFY(ready.wait(20000));
        QVERIFY(ready.first().first().toBool());
        // ... and it is now the first of the recent models.
        auto* recent = child<QMenu>(*w, "recentModelsMenu");
        Q_EMIT child<QMenu>(*w, "fileMenu")->aboutToShow();
        QVERIFY(!recent->actions().isEmpty());
        QCOMPARE(recent->actions().first()->toolTip(), QFileInfo(kDemoModel).absoluteFilePath());
    }

    void exportDialogFollowsTheSuffixAndRemembersItsChoices() {
        ExportDialog dialog(QStringLiteral("errors"));
        auto* path = dialog.findChild<QLineEdit*>();
        QVERIFY(path->text().endsWith(QStringLiteral("errors.pdf")));
        path->setText(QStringLiteral("/tmp/figure.svg"));
        Q_EMIT path->textEdited(path->text());
        QVERIFY(!dialog.csv());
        QVERIFY(dialog.format() == FigureFormat::Svg);
        path->setText(QStringLiteral("/tmp/figure.csv"));
        Q_EMIT path->textEdited(path->text());
        QVERIFY(dialog.csv());
        auto* publication = dialog.findChild<QCheckBox*>();
        publication->setChecked(false);
        dialog.accept();
        QVERIFY(!AppSettings::figureOptions().publication);
        QCOMPARE(AppSettings::lastFolder(AppSettings::Folder::Export), QStringLiteral("/tmp"));
    }

    void switchingTheLanguageRetranslates() {
        auto w = newWindow();
        auto* file = child<QMenu>(*w, "fileMenu");
        auto* evaluate = child<QPushButton>(*w, "evaluateButton");
        QCOMPARE(file->title(), QStringLiteral("&File"));
        const QString english = evaluate->text();
        w->setLanguage(QStringLiteral("ko"));
        QCOMPARE(w->language(), QStringLiteral("ko"));
        QCOMPARE(file->title(), QStringLiteral("파일(&F)"));
        QVERIFY(evaluate->text() != english);
        QVERIFY(w->windowTitle().contains(QStringLiteral("제목 없음")));
        w->setLanguage(QStringLiteral("en"));
        QCOMPARE(file->title(), QStringLiteral("&File"));
        QCOMPARE(evaluate->text(), english);
    }
};

BASISLAB_GUI_TEST_MAIN(TestWorkbench)
#include "test_workbench.moc"
