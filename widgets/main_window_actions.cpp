// MainWindow: actions, menus and their shortcuts.
#include "app_settings.h"
#include "calibration_page.h"
#include "evaluation_page.h"
#include "job_controller.h"
#include "main_window.h"
#include "workbench_document.h"

#include <QAction>
#include <QApplication>
#include <QFileInfo>
#include <QMenu>
#include <QMenuBar>
#include <QUndoStack>

namespace basislab::gui {

void MainWindow::createActions() {
    const auto make = [this](const char* name, const QString& icon, const QKeySequence& keys) {
        auto* a = new QAction(this);
        a->setObjectName(QLatin1String(name));
        if (!icon.isEmpty()) a->setIcon(QIcon(QStringLiteral(":/icons/%1.svg").arg(icon)));
        if (!keys.isEmpty()) a->setShortcut(keys);
        addAction(a);
        return a;
    };
    open_model_ = make("openModelAction", QStringLiteral("open"), QKeySequence::Open);
    open_demo_ = make("openDemoAction", QStringLiteral("demo"), {});
    open_session_ = make("openSessionAction", QStringLiteral("session"), QKeySequence(QStringLiteral("Ctrl+Shift+O")));
    save_session_ = make("saveSessionAction", QStringLiteral("save"), QKeySequence::Save);
    save_session_as_ = make("saveSessionAsAction", {}, QKeySequence::SaveAs);
    export_figures_ =
        make("exportFiguresAction", QStringLiteral("export"), QKeySequence(QStringLiteral("Ctrl+Shift+E")));
    quit_ = make("quitAction", {}, QKeySequence::Quit);
    undo_ = document_->undoStack()->createUndoAction(this);
    undo_->setObjectName(QStringLiteral("undoAction"));
    undo_->setShortcut(QKeySequence::Undo);
    redo_ = document_->undoStack()->createRedoAction(this);
    redo_->setObjectName(QStringLiteral("redoAction"));
    redo_->setShortcut(QKeySequence::Redo);
    preferences_ = make("preferencesAction", {}, QKeySequence(QStringLiteral("Ctrl+,")));
    calibrate_ = make("calibrateAction", QStringLiteral("calibration"), QKeySequence(QStringLiteral("Ctrl+R")));
    evaluate_ = make("evaluateAction", QStringLiteral("run"), QKeySequence(QStringLiteral("Ctrl+E")));
    evaluate_original_ = make("evaluateOriginalAction", {}, QKeySequence(QStringLiteral("Ctrl+Alt+E")));
    cancel_ = make("cancelAction", QStringLiteral("cancel"), QKeySequence(Qt::Key_Escape));
    for (int i = 0; i < 4; ++i) {
        QAction* a = make("stepAction", {}, QKeySequence(QStringLiteral("Ctrl+%1").arg(i + 1)));
        a->setObjectName(QStringLiteral("step%1Action").arg(i + 1));
        connect(a, &QAction::triggered, this, [this, i] { showStep(Step(i)); });
        step_actions_ << a;
    }
    about_ = make("aboutAction", {}, QKeySequence::HelpContents);
    about_qt_ = make("aboutQtAction", {}, {});

    connect(open_model_, &QAction::triggered, this, &MainWindow::openModelDialog);
    connect(open_demo_, &QAction::triggered, this, &MainWindow::openDemo);
    connect(open_session_, &QAction::triggered, this, &MainWindow::openSessionDialog);
    connect(save_session_, &QAction::triggered, this, &MainWindow::saveSessionNow);
    connect(save_session_as_, &QAction::triggered, this, &MainWindow::saveSessionAsDialog);
    connect(export_figures_, &QAction::triggered, this, &MainWindow::exportAllFiguresDialog);
    connect(quit_, &QAction::triggered, this, &QWidget::close);
    connect(preferences_, &QAction::triggered, this, &MainWindow::showPreferences);
    connect(calibrate_, &QAction::triggered, calibration_page_, [this] {
        showStep(CalibrationStep);
        calibration_page_->calibrate();
    });
    connect(evaluate_, &QAction::triggered, evaluation_page_, [this] {
        showStep(EvaluationStep);
        evaluation_page_->evaluatePlan();
    });
    connect(evaluate_original_, &QAction::triggered, evaluation_page_, [this] {
        showStep(EvaluationStep);
        evaluation_page_->evaluateOriginal();
    });
    connect(cancel_, &QAction::triggered, jobs_, &JobController::cancel);
    connect(about_, &QAction::triggered, this, &MainWindow::showAbout);
    connect(about_qt_, &QAction::triggered, qApp, &QApplication::aboutQt);
}

void MainWindow::createMenus() {
    file_menu_ = menuBar()->addMenu(QString());
    file_menu_->setObjectName(QStringLiteral("fileMenu"));
    file_menu_->addAction(open_model_);
    file_menu_->addAction(open_demo_);
    recent_models_menu_ = file_menu_->addMenu(QString());
    recent_models_menu_->setObjectName(QStringLiteral("recentModelsMenu"));
    file_menu_->addSeparator();
    file_menu_->addAction(open_session_);
    recent_sessions_menu_ = file_menu_->addMenu(QString());
    recent_sessions_menu_->setObjectName(QStringLiteral("recentSessionsMenu"));
    file_menu_->addAction(save_session_);
    file_menu_->addAction(save_session_as_);
    file_menu_->addSeparator();
    file_menu_->addAction(export_figures_);
    file_menu_->addSeparator();
    file_menu_->addAction(quit_);
    connect(file_menu_, &QMenu::aboutToShow, this, &MainWindow::updateRecentMenus);

    edit_menu_ = menuBar()->addMenu(QString());
    edit_menu_->setObjectName(QStringLiteral("editMenu"));
    edit_menu_->addAction(undo_);
    edit_menu_->addAction(redo_);
    edit_menu_->addSeparator();
    edit_menu_->addAction(preferences_);

    run_menu_ = menuBar()->addMenu(QString());
    run_menu_->setObjectName(QStringLiteral("runMenu"));
    run_menu_->addAction(calibrate_);
    run_menu_->addAction(evaluate_);
    run_menu_->addAction(evaluate_original_);
    run_menu_->addSeparator();
    run_menu_->addAction(cancel_);

    view_menu_ = menuBar()->addMenu(QString());
    view_menu_->setObjectName(QStringLiteral("viewMenu"));
    view_menu_->addActions(step_actions_);

    help_menu_ = menuBar()->addMenu(QString());
    help_menu_->setObjectName(QStringLiteral("helpMenu"));
    help_menu_->addAction(about_);
    help_menu_->addAction(about_qt_);
}

void MainWindow::updateRecentMenus() {
    const auto fill = [this](QMenu* menu, const QStringList& paths, bool models) {
        menu->clear();
        for (const QString& path : paths) {
            QAction* a = menu->addAction(QFileInfo(path).fileName());
            a->setToolTip(path);
            a->setStatusTip(path);
            connect(a, &QAction::triggered, this, [this, path, models] {
                if (models)
                    openModel(path);
                else
                    openSession(path);
            });
        }
        if (paths.isEmpty()) menu->addAction(tr("(none)"))->setEnabled(false);
    };
    fill(recent_models_menu_, AppSettings::recentModels(), true);
    fill(recent_sessions_menu_, AppSettings::recentSessions(), false);
}

void MainWindow::updateActions() {
    const bool busy = jobs_->busy();
    const bool model = bool(document_->modelInfo());
    calibrate_->setEnabled(model && !busy);
    evaluate_->setEnabled(model && document_->calibration() && !busy);
    evaluate_original_->setEnabled(model && !busy);
    cancel_->setEnabled(busy);
    open_model_->setEnabled(!busy);
    open_demo_->setEnabled(!busy);
    open_session_->setEnabled(!busy);
}

void MainWindow::retranslateActions() {
    file_menu_->setTitle(tr("&File"));
    edit_menu_->setTitle(tr("&Edit"));
    run_menu_->setTitle(tr("&Run"));
    view_menu_->setTitle(tr("&View"));
    help_menu_->setTitle(tr("&Help"));
    recent_models_menu_->setTitle(tr("Recent &Models"));
    recent_sessions_menu_->setTitle(tr("Recent &Sessions"));
    const auto set = [](QAction* a, const QString& text, const QString& tip) {
        a->setText(text);
        a->setToolTip(tip);
        a->setStatusTip(tip);
    };
    set(open_model_, tr("&Open Model…"), tr("Open a Hugging Face Llama model folder"));
    set(open_demo_, tr("Open &Demo Model"), tr("Open the bundled stories260k model with its demo text"));
    set(open_session_, tr("Open &Session…"), tr("Restore a saved session: model, calibration, plan and runs"));
    set(save_session_, tr("&Save Session"), tr("Save the model, calibration, plan and runs as a session file"));
    set(save_session_as_, tr("Save Session &As…"), tr("Save the session under a new name"));
    set(export_figures_, tr("&Export All Figures…"), tr("Write every plot as PNG, PDF and SVG (and CSV) to a folder"));
    set(quit_, tr("&Quit"), tr("Close the workbench; a running job is cancelled"));
    undo_->setText(tr("&Undo"));
    redo_->setText(tr("&Redo"));
    set(preferences_, tr("&Preferences…"), tr("Language, CPU threads and resets"));
    set(calibrate_, tr("&Calibrate"), tr("Run a calibration with the settings of step 2"));
    set(evaluate_, tr("&Evaluate Plan"), tr("Compress with the current plan and measure perplexity"));
    set(evaluate_original_, tr("Evaluate &Original Model"), tr("Measure the perplexity of the uncompressed model"));
    set(cancel_, tr("&Cancel Job"), tr("Cancel the running job"));
    const QStringList steps{tr("&Model"), tr("&Calibration"), tr("Com&pression"), tr("E&valuation")};
    for (int i = 0; i < step_actions_.size(); ++i) set(step_actions_[i], steps[i], tr("Go to step %1").arg(i + 1));
    set(about_, tr("&About BasisLab"), tr("What BasisLab is and how to use it"));
    set(about_qt_, tr("About &Qt"), tr("The Qt version in use"));
}

}  // namespace basislab::gui
