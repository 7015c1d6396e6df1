#include "main_window.h"

#include "app_settings.h"
#include "calibration_page.h"
#include "compression_page.h"
#include "evaluation_page.h"
#include "job_controller.h"
#include "language.h"
#include "model_page.h"
#include "plot_view.h"
#include "resources.h"
#include "status_indicator.h"
#include "workbench_document.h"

#include <QCloseEvent>
#include <QDir>
#include <QFileInfo>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QVBoxLayout>

namespace basislab::gui {

MainWindow::MainWindow(const Options& options, QWidget* parent)
    : QMainWindow(parent),
      options_(options),
      language_(new Language(this)),
      document_(new WorkbenchDocument(this)),
      jobs_(new JobController(this)) {
    setObjectName(QStringLiteral("mainWindow"));
    initResources();
    ComputeOptions compute;
    compute.threads = AppSettings::threads();
    document_->setCompute(compute);
    buildUi();
    createActions();
    createMenus();
    language_->apply(options.language.isEmpty() ? AppSettings::language() : options.language);
    setAcceptDrops(true);

    connect(jobs_, &JobController::modelOpened, this, &MainWindow::modelOpened);
    connect(jobs_, &JobController::jobFailed, this, [this](quint64 id, JobKind, const QString& text) {
        if (id != pending_open_) return;
        pending_open_ = 0;
        document_->setCompute(document_->compute());  // the pages show the options in use again
        reportError(tr("Cannot open the model"), text);
        Q_EMIT modelReady(false);
    });
    connect(jobs_, &JobController::jobCancelled, this, [this](quint64 id) {
        if (id == pending_open_) pending_open_ = 0;
        if (id == pending_session_save_) Q_EMIT sessionSaved(QString(), false);
    });
    connect(jobs_, &JobController::calibrated, this, &MainWindow::calibrationArrived);
    connect(jobs_, &JobController::calibrationSaved, this, [this](quint64, const QString& path) {
        document_->setCalibrationPath(path);
        showMessage(tr("Calibration saved to %1").arg(path));
    });
    connect(jobs_, &JobController::sessionSaved, this, [this](quint64 id, const QString& path) {
        if (id == pending_session_save_) sessionWritten(path);
    });
    connect(jobs_, &JobController::jobFailed, this, [this](quint64 id, JobKind, const QString& text) {
        if (id == pending_calibration_) reportError(tr("Cannot load the session's calibration"), text);
        if (id != pending_session_save_) return;
        reportError(tr("Cannot save the session"), text);
        Q_EMIT sessionSaved(QString(), false);
    });
    connect(jobs_, &JobController::busyChanged, this, &MainWindow::updateActions);
    connect(jobs_, &JobController::jobStarted, this,
            [this](quint64, JobKind kind) { job_label_->setText(jobText(kind)); });
    connect(jobs_, &JobController::busyChanged, this, [this](bool busy) {
        if (!busy) job_label_->clear();
    });
    for (auto signal :
         {&WorkbenchDocument::modelChanged, &WorkbenchDocument::calibrationChanged, &WorkbenchDocument::runsChanged})
        connect(document_, signal, this, &MainWindow::updateSteps);
    connect(document_, &WorkbenchDocument::modifiedChanged, this, &MainWindow::updateTitle);
    connect(document_, &WorkbenchDocument::sessionPathChanged, this, &MainWindow::updateTitle);
    connect(document_, &WorkbenchDocument::modelChanged, this, &MainWindow::updateTitle);
    connect(document_, &WorkbenchDocument::modelChanged, this, &MainWindow::updateActions);
    connect(document_, &WorkbenchDocument::calibrationChanged, this, &MainWindow::updateActions);
    connect(jobs_, &JobController::previewReady, this, &MainWindow::updateSteps);

    retranslate();
    updateSteps();
    updateActions();
    resize(1280, 820);
    restoreGeometry(AppSettings::windowGeometry());
    evaluation_page_->splitter()->restoreState(AppSettings::windowState(QStringLiteral("evaluationSplitter")));
}

MainWindow::~MainWindow() {
    // The children (document, jobs, pages) are deleted after this body, when this object is no
    // longer a MainWindow; the undo stack's destructor still emits signals. Stop them reaching us.
    document_->disconnect(this);
    jobs_->disconnect(this);
}

void MainWindow::buildUi() {
    steps_ = new QListWidget;
    steps_->setObjectName(QStringLiteral("stepList"));
    steps_->setIconSize(QSize(28, 28));
    steps_->setSpacing(4);
    steps_->setFixedWidth(190);
    steps_->setFrameShape(QFrame::NoFrame);
    for (const char* icon : {"model", "calibration", "compression", "evaluation"})
        new QListWidgetItem(QIcon(QStringLiteral(":/icons/%1.svg").arg(QLatin1String(icon))), QString(), steps_);

    model_page_ = new ModelPage(document_, jobs_);
    calibration_page_ = new CalibrationPage(document_, jobs_);
    compression_page_ = new CompressionPage(document_, jobs_);
    evaluation_page_ = new EvaluationPage(document_, jobs_);
    stack_ = new QStackedWidget;
    stack_->setObjectName(QStringLiteral("stepStack"));
    for (QWidget* page : {static_cast<QWidget*>(model_page_), static_cast<QWidget*>(calibration_page_),
                          static_cast<QWidget*>(compression_page_), static_cast<QWidget*>(evaluation_page_)})
        stack_->addWidget(page);
    connect(steps_, &QListWidget::currentRowChanged, stack_, &QStackedWidget::setCurrentIndex);
    steps_->setCurrentRow(0);

    demo_banner_ = new QFrame;
    demo_banner_->setObjectName(QStringLiteral("demoBanner"));
    demo_banner_->setFrameShape(QFrame::StyledPanel);
    demo_banner_->setStyleSheet(QStringLiteral("#demoBanner { background: #eaf3fb; border: 1px solid #9cc3e6; }"));
    demo_text_ = new QLabel;
    demo_text_->setWordWrap(true);
    demo_open_ = new QPushButton(QIcon(QStringLiteral(":/icons/demo.svg")), QString());
    demo_open_->setObjectName(QStringLiteral("demoOpenButton"));
    demo_dismiss_ = new QPushButton;
    demo_dismiss_->setObjectName(QStringLiteral("demoDismissButton"));
    auto* banner_layout = new QHBoxLayout(demo_banner_);
    banner_layout->addWidget(demo_text_, 1);
    banner_layout->addWidget(demo_open_);
    banner_layout->addWidget(demo_dismiss_);
    demo_banner_->hide();
    connect(demo_open_, &QPushButton::clicked, this, [this] {
        AppSettings::setDemoOffered(true);
        demo_banner_->hide();
        openDemo();
    });
    connect(demo_dismiss_, &QPushButton::clicked, this, [this] {
        AppSettings::setDemoOffered(true);
        demo_banner_->hide();
    });

    auto* right = new QWidget;
    auto* right_layout = new QVBoxLayout(right);
    right_layout->setContentsMargins(0, 0, 0, 0);
    right_layout->addWidget(demo_banner_);
    right_layout->addWidget(stack_, 1);
    auto* central = new QWidget;
    auto* layout = new QHBoxLayout(central);
    layout->addWidget(steps_);
    layout->addWidget(right, 1);
    setCentralWidget(central);

    job_label_ = new QLabel;
    job_label_->setObjectName(QStringLiteral("jobLabel"));
    indicator_ = new StatusIndicator(document_);
    statusBar()->addPermanentWidget(job_label_);
    statusBar()->addPermanentWidget(indicator_);

    connect(model_page_, &ModelPage::openModelRequested, this, &MainWindow::openModelDialog);
    connect(model_page_, &ModelPage::openDemoRequested, this, &MainWindow::openDemo);
    connect(model_page_, &ModelPage::computeRequested, this, &MainWindow::reopenWithCompute);
    connect(calibration_page_, &CalibrationPage::message, this, &MainWindow::showMessage);
    connect(calibration_page_, &CalibrationPage::failed, this, &MainWindow::reportError);
    connect(compression_page_, &CompressionPage::message, this, &MainWindow::showMessage);
    connect(evaluation_page_, &EvaluationPage::message, this, &MainWindow::showMessage);
    connect(evaluation_page_, &EvaluationPage::failed, this, &MainWindow::reportError);
    for (PlotView* plot : plots()) {
        connect(plot, &PlotView::exported, this,
                [this](const QString& path) { showMessage(tr("Wrote %1").arg(path)); });
        connect(plot, &PlotView::exportFailed, this, [this](const QString& text) { reportError(tr("Export"), text); });
    }
}

QString MainWindow::jobText(JobKind kind) const {
    switch (kind) {
        case JobKind::OpenModel: return tr("Opening the model…");
        case JobKind::Evaluate: return tr("Evaluating the original model…");
        case JobKind::EvaluatePlan: return tr("Compressing and evaluating…");
        case JobKind::EvaluateGrid: return tr("Evaluating a grid of plans…");
        case JobKind::Calibrate: return tr("Calibrating…");
        case JobKind::LoadCalibration: return tr("Loading the calibration…");
        case JobKind::SaveCalibration: return tr("Saving the calibration…");
        case JobKind::SaveSession: return tr("Saving the session…");
        case JobKind::UpdatePlan: return tr("Updating the coefficients on deviated inputs…");
    }
    return {};
}

QList<PlotView*> MainWindow::plots() const {
    return findChildren<PlotView*>();
}

QString MainWindow::language() const {
    return language_->current();
}

void MainWindow::setLanguage(const QString& code) {
    language_->apply(code);
}

void MainWindow::showStep(Step step) {
    steps_->setCurrentRow(int(step));
}

void MainWindow::reportError(const QString& title, const QString& text) {
    last_error_ = text;
    statusBar()->showMessage(title + QStringLiteral(": ") + text, 10000);
    Q_EMIT errorReported(title, text);
    if (options_.interactive)
        QMessageBox::warning(this, title, text);
    else
        qWarning("%s: %s", qPrintable(title), qPrintable(text));
}

void MainWindow::showMessage(const QString& text) {
    statusBar()->showMessage(text, 8000);
}

void MainWindow::offerDemoIfNoModel() {
    if (document_->modelInfo() || pending_open_ || AppSettings::demoOffered()) return;
    demo_banner_->show();
}

void MainWindow::updateSteps() {
    const bool done[] = {bool(document_->modelInfo()), bool(document_->calibration()),
                         bool(compression_page_->preview()), !document_->runs().isEmpty()};
    for (int i = 0; i < steps_->count(); ++i) {
        QFont f = steps_->item(i)->font();
        f.setBold(done[i]);
        steps_->item(i)->setFont(f);
    }
}

void MainWindow::updateTitle() {
    QString name;
    if (!document_->sessionPath().isEmpty())
        name = QFileInfo(document_->sessionPath()).fileName();
    else if (!document_->modelDir().isEmpty())
        name = QFileInfo(document_->modelDir()).fileName();
    else
        name = tr("untitled");
    setWindowTitle(QStringLiteral("%1[*] — BasisLab").arg(name));
    setWindowModified(document_->isModified());
}

void MainWindow::retranslate() {
    const QStringList titles{tr("1  Model"), tr("2  Calibration"), tr("3  Compression"), tr("4  Evaluation")};
    const QStringList tips{tr("Open a model and choose where it computes"),
                           tr("Run or load a calibration and look at input scales and spectra"),
                           tr("Choose the method, ratio, groups and α form, with a live error preview"),
                           tr("Measure perplexity and compare runs")};
    for (int i = 0; i < steps_->count(); ++i) {
        steps_->item(i)->setText(titles[i]);
        steps_->item(i)->setToolTip(tips[i]);
    }
    steps_->setToolTip(tr("The compression pipeline, step by step (Ctrl+1 … Ctrl+4)"));
    demo_text_->setText(
        tr("<b>New here?</b> Open the bundled demo model (stories260k, a tiny Llama) with its "
           "text, and walk through the whole pipeline in a minute on a laptop CPU."));
    demo_open_->setText(tr("Open Demo Model"));
    demo_open_->setToolTip(tr("Open the bundled stories260k model and its demo text"));
    demo_dismiss_->setText(tr("Not Now"));
    demo_dismiss_->setToolTip(tr("Hide this offer; the demo stays in the File menu"));
    job_label_->setToolTip(tr("The job running on the worker thread"));
    retranslateActions();
    updateTitle();
}

void MainWindow::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) retranslate();
    QMainWindow::changeEvent(event);
}

void MainWindow::closeEvent(QCloseEvent* event) {
    if (!maybeSave()) {
        event->ignore();
        return;
    }
    jobs_->cancel();
    AppSettings::setWindowGeometry(saveGeometry());
    AppSettings::setWindowState(QStringLiteral("evaluationSplitter"), evaluation_page_->splitter()->saveState());
    event->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
    if (event->mimeData()->hasUrls()) event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event) {
    for (const QUrl& url : event->mimeData()->urls()) {
        const QString path = url.toLocalFile();
        if (path.isEmpty()) continue;
        if (QFileInfo(path).isDir())
            openModel(path);
        else
            openSession(path);
        event->acceptProposedAction();
        return;
    }
}

}  // namespace basislab::gui
