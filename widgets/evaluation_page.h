// Step 4, Evaluation: perplexity on a chosen text (background, cancellable), the runs table
// (sortable, with a reference run to compare against, exportable as CSV and LaTeX) and the plot of
// perplexity against compression ratio per method and alpha form.
#pragma once

#include "api/requests.h"
#include "api/run_record.h"

#include <QWidget>

class QComboBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QSpinBox;
class QSplitter;
class QTableView;

namespace basislab::gui {

class GridBox;
class JobController;
class JobPanel;
class PlotView;
class RunsTableModel;
class WorkbenchDocument;
class ZeroShotBox;

class EvaluationPage : public QWidget {
    Q_OBJECT
public:
    EvaluationPage(WorkbenchDocument* document, JobController* jobs, QWidget* parent = nullptr);

    PlotView* runsPlot() const { return plot_; }
    RunsTableModel* runsModel() const { return model_; }
    QSplitter* splitter() const { return splitter_; }
    GridBox* grid() const { return grid_; }

public Q_SLOTS:
    /// Compresses the model with the current plan and measures its perplexity (Ctrl+E).
    void evaluatePlan();
    /// Measures the perplexity of the uncompressed model (Ctrl+Alt+E).
    void evaluateOriginal();
    /// Runs the grid box's plans as one job on the page's text (the runs fill the table).
    void evaluateGrid();
    void exportCsv();
    void exportLatex();

Q_SIGNALS:
    void message(const QString& text);
    void failed(const QString& title, const QString& text);

protected:
    void changeEvent(QEvent* event) override;

private:
    void browseText();
    void exportTable(const QString& title, const QString& file_name, const QString& filter, const QString& text);
    void requestEdited();
    bool readyToEvaluate();
    void addRun(api::RunRecord run, const QString& summary);
    void updateButtons();
    void showRequest();
    void updatePlot();
    /// The protocol choice's entries (the CLI names, each with a tooltip).
    void fillProtocols();
    void showTableMenu(const QPoint& pos);
    QVector<int> selectedRows() const;
    void retranslate();

    WorkbenchDocument* document_;
    JobController* jobs_;
    quint64 pending_ = 0;
    api::PerplexityRequest submitted_;  // the request of the pending job
    CompressionPlan submitted_plan_;
    QGroupBox* settings_box_;
    QLabel* text_label_;
    QLineEdit* text_;
    QPushButton* browse_;
    QLabel* window_label_;
    QSpinBox* window_;
    QLabel* max_windows_label_;
    QSpinBox* max_windows_;
    QLabel* protocol_label_;
    QComboBox* protocol_;
    ZeroShotBox* zeroshot_;
    QPushButton* run_;
    QPushButton* run_original_;
    JobPanel* panel_;
    GridBox* grid_;
    RunsTableModel* model_;
    QSortFilterProxyModel* proxy_;
    QTableView* table_;
    QPushButton* export_csv_;
    QPushButton* export_latex_;
    QPushButton* remove_;
    PlotView* plot_;
    QSplitter* splitter_;
};

}  // namespace basislab::gui
