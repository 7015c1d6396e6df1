// MainWindow: models, sessions, figures and the dialogs around them.
#include "api/job_estimate.h"
#include "app_settings.h"
#include "base/error.h"
#include "demo.h"
#include "figure_export.h"
#include "job_controller.h"
#include "language.h"
#include "main_window.h"
#include "settings_dialog.h"
#include "text_format.h"
#include "workbench_document.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFrame>
#include <QListWidget>
#include <QMessageBox>
#include <QStandardPaths>
#include <QStatusBar>
#include <QUndoStack>

namespace basislab::gui {
namespace {
const char* kSessionSuffix = "blsession";
}

void MainWindow::startOpening(const QString& dir, const ComputeOptions& compute, bool demo) {
    pending_dir_ = dir;
    pending_compute_ = compute;
    pending_is_demo_ = demo;
    pending_open_ = jobs_->openModel(dir, compute);
}

void MainWindow::openModel(const QString& dir) {
    ComputeOptions compute = document_->compute();
    compute.threads = AppSettings::threads();
    startOpening(QFileInfo(dir).absoluteFilePath(), compute, false);
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
    pending_is_demo_ = true;  // the demo text becomes the default text when it has opened
}

void MainWindow::reopenWithCompute(const ComputeOptions& compute) {
    if (document_->modelDir().isEmpty() || !document_->modelInfo()) {
        document_->setCompute(compute);
        return;
    }
    startOpening(document_->modelDir(), compute, false);
}

void MainWindow::modelOpened(quint64 id, const ModelInfoPtr& info) {
    if (id != pending_open_) return;
    pending_open_ = 0;
    document_->setModel(pending_dir_, pending_compute_, info);
    AppSettings::addRecentModel(pending_dir_);
    demo_banner_->hide();
    if (pending_is_demo_ || demo::isDemoModel(pending_dir_)) {  // however it was opened
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
    const QString absolute = QFileInfo(path).absoluteFilePath();
    document_->applySession(data);
    document_->setSessionPath(absolute);
    AppSettings::addRecentSession(absolute);
    AppSettings::rememberFolder(AppSettings::Folder::Session, absolute);
    for (const std::string& w : warnings) qWarning("session %s: %s", qPrintable(path), w.c_str());
    if (!warnings.empty())
        showMessage(tr("Session opened with %n warning(s); see the log", nullptr, int(warnings.size())));
    const auto step = data.view.find("step");
    if (step != data.view.end()) showStep(Step(qBound(1, QString::fromStdString(step->second).toInt(), 4) - 1));
    if (data.model_dir.empty()) return true;
    startOpening(QString::fromStdString(data.model_dir), data.compute, false);
    // The calibration follows on the worker, after the model.
    expected_calibration_ = QString::fromStdString(data.calibration_identity);
    if (data.calibration_source == api::CalibrationSource::Link) {
        pending_calibration_ = jobs_->loadCalibration(QString::fromStdString(data.calibration_path));
    } else if (data.calibration_source == api::CalibrationSource::Embedded) {
        const QString cache = QStandardPaths::writableLocation(QStandardPaths::CacheLocation);
        QDir().mkpath(cache + QStringLiteral("/calibrations"));
        const QString name =
            expected_calibration_.isEmpty() ? QFileInfo(absolute).completeBaseName() : expected_calibration_.left(16);
        const QString extracted = cache + QStringLiteral("/calibrations/%1.h5").arg(name);
        pending_calibration_ = jobs_->loadCalibration(extracted, absolute);
    }
    return true;
}

void MainWindow::calibrationArrived(quint64 id, const CalibrationPtr& summary, const QString& path) {
    document_->setCalibration(summary, path);
    if (id == pending_calibration_ && !expected_calibration_.isEmpty() &&
        QString::fromStdString(api::calibrationIdentity(*summary)) != expected_calibration_)
        reportError(tr("Calibration"), tr("The calibration file %1 has changed since the session was saved: it "
                                          "holds another calibration of this model.")
                                           .arg(path));
    else if (path.isEmpty() || path == QString::fromStdString(document_->calibrationRequest().store_path))
        showMessage(tr("Calibrated in %1").arg(formatDuration(summary->seconds)));
    else
        showMessage(tr("Loaded the calibration %1").arg(QFileInfo(path).fileName()));
    if (id == pending_calibration_) {
        pending_calibration_ = 0;
        document_->setModified(false);  // loading the session's own calibration changes nothing
    }
}

bool MainWindow::saveSession(const QString& path) {
    QString target = QFileInfo(path).absoluteFilePath();
    if (QFileInfo(target).suffix().isEmpty()) target += QLatin1Char('.') + QLatin1String(kSessionSuffix);
    bool embed = AppSettings::embedCalibration() || document_->embedCalibration();
    document_->setEmbedCalibration(embed);
    api::SessionData data = document_->toSession();
    data.view["step"] = std::to_string(steps_->currentRow() + 1);
    QString note;
    if (embed && document_->calibration() && document_->modelInfo()) {
        // A session never embeds a large store (api::kMaxEmbeddedCalibrationBytes): it links it.
        const CalibrationSummary& c = *document_->calibration();
        const std::uint64_t bytes =
            api::calibrationStoreBytes(document_->modelInfo()->config, c.settings.fisher, c.settings.windows);
        if (bytes > api::kMaxEmbeddedCalibrationBytes) {
            embed = false;
            data.calibration_source = api::CalibrationSource::Link;
            note = tr("The calibration (%1) is larger than %2: the session links it instead of embedding it.")
                       .arg(formatBytes(double(bytes)), formatBytes(double(api::kMaxEmbeddedCalibrationBytes)));
        }
    }
    bool async = embed && document_->calibration();
    if (document_->calibration() && document_->calibrationPath().isEmpty()) {
        // The calibration is in a temporary store: keep it beside the session first (a worker job
        // that moves it there); the session, written after it, links or embeds that file.
        const QFileInfo info(target);
        const QString calibration = info.dir().filePath(info.completeBaseName() + QStringLiteral(".calibration.h5"));
        jobs_->saveCalibration(calibration);
        data.calibration_source = embed ? api::CalibrationSource::Embedded : api::CalibrationSource::Link;
        data.calibration_path = calibration.toStdString();
        data.calibration_identity = api::calibrationIdentity(*document_->calibration());
        note += (note.isEmpty() ? QString() : QStringLiteral(" ")) +
                tr("The calibration is moved from the cache folder to %1 beside the session.").arg(calibration);
        async = true;
    }
    if (async) {
        pending_session_save_ = jobs_->saveSession(data, target);
        showMessage(tr("Saving the session to %1…").arg(target) +
                    (note.isEmpty() ? QString() : QStringLiteral(" ") + note));
        return true;
    }
    if (!note.isEmpty()) showMessage(note);
    try {
        api::writeSession(target.toStdString(), data);
    } catch (const std::exception& e) {
        reportError(tr("Cannot save the session"), QString::fromStdString(e.what()));
        Q_EMIT sessionSaved(target, false);
        return false;
    }
    sessionWritten(target);
    return true;
}

void MainWindow::sessionWritten(const QString& path) {
    document_->setSessionPath(path);
    document_->setModified(false);
    document_->undoStack()->setClean();
    AppSettings::addRecentSession(path);
    showMessage(tr("Session saved to %1").arg(path));
    Q_EMIT sessionSaved(path, true);
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
    AppSettings::setEmbedCalibration(dialog.embedCalibration());
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
