// MainWindow: models, sessions, figures and the dialogs around them.
#include "app_settings.h"
#include "base/error.h"
#include "demo.h"
#include "figure_export.h"
#include "job_controller.h"
#include "language.h"
#include "main_window.h"
#include "settings_dialog.h"
#include "workbench_document.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFrame>
#include <QMessageBox>
#include <QStatusBar>

namespace basislab::gui {
namespace {
const char* kSessionSuffix = "blsession";
}

void MainWindow::openModel(const QString& dir) {
    ComputeOptions compute = document_->compute();
    compute.threads = AppSettings::threads();
    pending_dir_ = QFileInfo(dir).absoluteFilePath();
    pending_compute_ = compute;
    pending_is_demo_ = false;
    pending_open_ = jobs_->openModel(pending_dir_, compute);
    showMessage(tr("Opening %1…").arg(pending_dir_));
}

void MainWindow::openDemo() {
    const QString dir = demo::modelDir();
    if (dir.isEmpty()) {
        reportError(tr("Demo"), tr("The bundled demo model (resources/demo/stories260k) was not found. Set "
                                   "BASISLAB_DEMO_DIR to the folder that holds stories260k."));
        return;
    }
    openModel(dir);
    pending_is_demo_ = true;
}

void MainWindow::reopenWithCompute(const ComputeOptions& compute) {
    if (document_->modelDir().isEmpty() || !document_->modelInfo()) {
        document_->setCompute(compute);
        return;
    }
    pending_dir_ = document_->modelDir();
    pending_compute_ = compute;
    pending_is_demo_ = false;
    pending_open_ = jobs_->openModel(pending_dir_, compute);
}

void MainWindow::modelOpened(quint64 id, const ModelInfoPtr& info) {
    if (id != pending_open_) return;
    pending_open_ = 0;
    document_->setModel(pending_dir_, pending_compute_, info);
    AppSettings::addRecentModel(pending_dir_);
    demo_banner_->hide();
    if (pending_is_demo_) {
        const std::string text = demo::textPath().toStdString();
        api::CalibrationRequest calibration = document_->calibrationRequest();
        if (calibration.text_path.empty()) calibration.text_path = text;
        document_->setCalibrationRequest(calibration);
        api::PerplexityRequest evaluation = document_->evaluationRequest();
        if (evaluation.text_path.empty()) evaluation.text_path = text;
        document_->setEvaluationRequest(evaluation);
    }
    showMessage(
        tr("Opened %1 on %2").arg(QFileInfo(pending_dir_).fileName(), QString::fromStdString(pending_compute_.device)));
    Q_EMIT modelReady(true);
}

bool MainWindow::openSession(const QString& path) {
    if (!maybeSave()) return false;
    std::vector<std::string> warnings;
    api::SessionData data;
    try {
        data = api::readSession(path.toStdString(), &warnings);
    } catch (const std::exception& e) {
        reportError(tr("Cannot open the session"), QString::fromStdString(e.what()));
        return false;
    }
    document_->applySession(data);
    document_->setSessionPath(QFileInfo(path).absoluteFilePath());
    AppSettings::addRecentSession(path);
    AppSettings::rememberFolder(AppSettings::Folder::Session, path);
    for (const std::string& w : warnings) qWarning("session %s: %s", qPrintable(path), w.c_str());
    if (!warnings.empty())
        showMessage(tr("Session opened with %n warning(s); see the log", nullptr, int(warnings.size())));
    if (!data.model_dir.empty()) {
        pending_dir_ = QString::fromStdString(data.model_dir);
        pending_compute_ = data.compute;
        pending_is_demo_ = false;
        pending_open_ = jobs_->openModel(pending_dir_, pending_compute_);
    }
    return true;
}

bool MainWindow::saveSession(const QString& path) {
    QString target = path;
    if (QFileInfo(target).suffix().isEmpty()) target += QLatin1Char('.') + QLatin1String(kSessionSuffix);
    try {
        api::writeSession(target.toStdString(), document_->toSession());
    } catch (const std::exception& e) {
        reportError(tr("Cannot save the session"), QString::fromStdString(e.what()));
        return false;
    }
    document_->setSessionPath(QFileInfo(target).absoluteFilePath());
    document_->setModified(false);
    document_->undoStack()->setClean();
    AppSettings::addRecentSession(target);
    showMessage(tr("Session saved to %1").arg(target));
    return true;
}

void MainWindow::openModelDialog() {
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Open Model Folder"),
                                                          AppSettings::lastFolder(AppSettings::Folder::Model));
    if (dir.isEmpty()) return;
    AppSettings::rememberFolder(AppSettings::Folder::Model, dir);
    openModel(dir);
}

void MainWindow::openSessionDialog() {
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Open Session"), AppSettings::lastFolder(AppSettings::Folder::Session),
                                     tr("BasisLab sessions (*.blsession);;All files (*)"));
    if (!path.isEmpty()) openSession(path);
}

bool MainWindow::saveSessionNow() {
    if (document_->sessionPath().isEmpty()) return saveSessionAsDialog();
    return saveSession(document_->sessionPath());
}

bool MainWindow::saveSessionAsDialog() {
    const QString suggested = document_->sessionPath().isEmpty()
                                  ? QDir(AppSettings::lastFolder(AppSettings::Folder::Session))
                                        .filePath(QStringLiteral("session.") + QLatin1String(kSessionSuffix))
                                  : document_->sessionPath();
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Save Session"), suggested, tr("BasisLab sessions (*.blsession)"));
    if (path.isEmpty()) return false;
    AppSettings::rememberFolder(AppSettings::Folder::Session, path);
    return saveSession(path);
}

void MainWindow::exportAllFiguresDialog() {
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Export All Figures To"),
                                                          AppSettings::lastFolder(AppSettings::Folder::Export));
    if (dir.isEmpty()) return;
    AppSettings::rememberFolder(AppSettings::Folder::Export, dir + QStringLiteral("/x"));
    const FigureExportResult r = exportAllFigures(plots(), dir, AppSettings::figureOptions());
    if (!r.errors.isEmpty())
        reportError(tr("Export"), r.errors.join(QLatin1Char('\n')));
    else
        showMessage(tr("Wrote %n file(s) to %1", nullptr, int(r.written.size())).arg(dir));
}

void MainWindow::showPreferences() {
    SettingsDialog dialog(this);
    if (dialog.exec() != QDialog::Accepted) return;
    AppSettings::setLanguage(dialog.language());
    AppSettings::setThreads(dialog.threads());
    if (dialog.clearRecent()) AppSettings::clearRecent();
    if (dialog.offerDemoAgain()) AppSettings::setDemoOffered(false);
    language_->apply(dialog.language());
}

void MainWindow::showAbout() {
    QMessageBox::about(
        this, tr("About BasisLab"),
        tr("<h3>BasisLab %1</h3><p>A workbench for compressing Llama models by low-rank SVD with cross-layer "
           "<b>basis sharing</b>, and for studying why layer-wise input scale calibration helps.</p>"
           "<p>Work through the steps on the left: open a model, calibrate it on a text, choose a compression "
           "plan while the reconstruction error updates live, and evaluate perplexity. Every plot exports to "
           "PDF, SVG and PNG; sessions keep everything for later.</p>")
            .arg(QStringLiteral(BASISLAB_VERSION)));
}

bool MainWindow::maybeSave() {
    if (!options_.interactive || !document_->isModified()) return true;
    const auto answer =
        QMessageBox::question(this, tr("Unsaved Changes"), tr("The session has unsaved changes. Save them first?"),
                              QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel);
    if (answer == QMessageBox::Cancel) return false;
    if (answer == QMessageBox::Save) return saveSessionNow();
    return true;
}

}  // namespace basislab::gui
