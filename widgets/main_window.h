// The workbench's main window: the pipeline as four steps (Model, Calibration, Compression,
// Evaluation) in a side list, one page per step, menus with the standard shortcuts, a status bar
// with the job, the device and the memory, drag & drop of model folders and session files, and the
// demo banner. The window owns the document, the job controller and the language.
#pragma once

#include "job_types.h"

#include <QMainWindow>
#include <QPointer>

class QAction;
class QFrame;
class QLabel;
class QListWidget;
class QMenu;
class QPushButton;
class QStackedWidget;

namespace basislab::gui {

class CalibrationPage;
class CompressionPage;
class EvaluationPage;
class JobController;
class Language;
class ModelPage;
class PlotView;
class StatusIndicator;
class WorkbenchDocument;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    struct Options {
        /// False for tests and headless runs: errors go to the status bar and lastError()
        /// instead of message boxes, and closing never asks to save.
        bool interactive = true;
        /// "" = from the settings (or the system locale).
        QString language;
    };
    enum Step { ModelStep, CalibrationStep, CompressionStep, EvaluationStep };

    explicit MainWindow(const Options& options, QWidget* parent = nullptr);
    ~MainWindow() override;

    WorkbenchDocument* document() const { return document_; }
    JobController* jobs() const { return jobs_; }
    ModelPage* modelPage() const { return model_page_; }
    CalibrationPage* calibrationPage() const { return calibration_page_; }
    CompressionPage* compressionPage() const { return compression_page_; }
    EvaluationPage* evaluationPage() const { return evaluation_page_; }
    /// Every plot of the window, for figure export.
    QList<PlotView*> plots() const;
    QString lastError() const { return last_error_; }
    QString language() const;

    /// Opens a model folder on the worker; the document changes when it has opened.
    void openModel(const QString& dir);
    void openDemo();
    /// Reads a session file and restores the window from it (the model and the calibration load
    /// on the worker; modelReady() tells when the model is there).
    bool openSession(const QString& path);
    /// Saves the session. Synchronous when it only links files that exist; when the calibration
    /// must be saved (or embedded) first, the worker writes it and sessionSaved() follows.
    bool saveSession(const QString& path);
    /// Shows the demo banner when no model is open and the demo was not offered before.
    void offerDemoIfNoModel();
    void setLanguage(const QString& code);
    void showStep(Step step);

Q_SIGNALS:
    /// A model (or session's model) finished opening, or failed to.
    void modelReady(bool ok);
    void errorReported(const QString& title, const QString& text);
    void sessionSaved(const QString& path, bool ok);

public Q_SLOTS:
    void reportError(const QString& title, const QString& text);
    void showMessage(const QString& text);

protected:
    void closeEvent(QCloseEvent* event) override;
    void changeEvent(QEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    // main_window_actions.cpp
    void createActions();
    void createMenus();
    void retranslateActions();
    void updateRecentMenus();
    void updateActions();
    // main_window_files.cpp
    void openModelDialog();
    void openSessionDialog();
    bool saveSessionNow();
    bool saveSessionAsDialog();
    void exportAllFiguresDialog();
    void showPreferences();
    void showAbout();
    bool maybeSave();
    void modelOpened(quint64 id, const ModelInfoPtr& info);
    void startOpening(const QString& dir, const ComputeOptions& compute, bool demo);
    void reopenWithCompute(const ComputeOptions& compute);
    void calibrationArrived(quint64 id, const CalibrationPtr& summary, const QString& path);
    void sessionWritten(const QString& path);
    // main_window.cpp
    void buildUi();
    void retranslate();
    void updateTitle();
    void updateSteps();
    QString jobText(JobKind kind) const;

    Options options_;
    Language* language_;
    WorkbenchDocument* document_;
    JobController* jobs_;
    QString last_error_;
    /// The model-opening job whose result the window waits for, with its folder and options.
    quint64 pending_open_ = 0;
    QString pending_dir_;
    ComputeOptions pending_compute_;
    bool pending_is_demo_ = false;
    quint64 pending_calibration_ = 0;  // the session's calibration, loading
    QString expected_calibration_;  // its identity as the session recorded it
    quint64 pending_session_save_ = 0;

    QListWidget* steps_ = nullptr;
    QStackedWidget* stack_ = nullptr;
    QFrame* demo_banner_ = nullptr;
    QLabel* demo_text_ = nullptr;
    QPushButton* demo_open_ = nullptr;
    QPushButton* demo_dismiss_ = nullptr;
    ModelPage* model_page_ = nullptr;
    CalibrationPage* calibration_page_ = nullptr;
    CompressionPage* compression_page_ = nullptr;
    EvaluationPage* evaluation_page_ = nullptr;
    StatusIndicator* indicator_ = nullptr;
    QLabel* job_label_ = nullptr;

    QMenu* file_menu_ = nullptr;
    QMenu* recent_models_menu_ = nullptr;
    QMenu* recent_sessions_menu_ = nullptr;
    QMenu* edit_menu_ = nullptr;
    QMenu* run_menu_ = nullptr;
    QMenu* view_menu_ = nullptr;
    QMenu* help_menu_ = nullptr;
    QAction* open_model_ = nullptr;
    QAction* open_demo_ = nullptr;
    QAction* open_session_ = nullptr;
    QAction* save_session_ = nullptr;
    QAction* save_session_as_ = nullptr;
    QAction* export_figures_ = nullptr;
    QAction* quit_ = nullptr;
    QAction* undo_ = nullptr;
    QAction* redo_ = nullptr;
    QAction* preferences_ = nullptr;
    QAction* calibrate_ = nullptr;
    QAction* evaluate_ = nullptr;
    QAction* evaluate_original_ = nullptr;
    QAction* cancel_ = nullptr;
    QList<QAction*> step_actions_;
    QAction* about_ = nullptr;
    QAction* about_qt_ = nullptr;
};

}  // namespace basislab::gui
