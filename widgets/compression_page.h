// Step 3, Compression: the plan (method, ratio, which matrix types are compressed and shared, group
// sizes, alpha form, coefficient update, rank allocation), edited through the undo stack, with the live
// preview: the per-layer reconstruction error of the plan against plain Basis Sharing, and the achieved ratio
// and parameter count, and beside it the rank of every layer and type (what the allocation chose). Previews
// run on the worker, latest-wins; the GUI never waits for them. An update with deviated inputs (deviated,
// compensate) runs as a cancellable job (Run Update); its output errors are drawn over the preview while its
// plan is the current one.
#pragma once

#include "job_types.h"

#include <QElapsedTimer>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QGroupBox;
class QLabel;
class QPushButton;
class QSlider;
class QSpinBox;
class QTableWidget;

namespace basislab::gui {

class JobController;
class JobPanel;
class PlotView;
class WorkbenchDocument;

class CompressionPage : public QWidget {
    Q_OBJECT
public:
    CompressionPage(WorkbenchDocument* document, JobController* jobs, QWidget* parent = nullptr);

    PlotView* errorPlot() const { return plot_; }
    /// Rank per layer and matrix type of the previewed plan (the allocation's choice).
    PlotView* rankPlot() const { return rank_plot_; }
    /// The latest preview shown (null before the first).
    const PreviewPtr& preview() const { return preview_; }

Q_SIGNALS:
    void message(const QString& text);

protected:
    void changeEvent(QEvent* event) override;

private:
    void showPlan();
    void requestPreview();
    void previewArrived(quint64 id, const PreviewPtr& preview);
    void updatePlot();
    void edit(const CompressionPlan& plan, const QString& text, int merge_id = -1);
    void methodChosen();
    void ratioChosen(double percent, bool from_slider);
    void alphaChosen();
    void allocationChosen();
    void updateChosen();
    void runUpdate();
    void typeEdited(int row, int column);
    void retranslate();

    WorkbenchDocument* document_;
    JobController* jobs_;
    PreviewPtr preview_;
    QElapsedTimer preview_clock_;
    QGroupBox* plan_box_;
    QLabel* method_label_;
    QComboBox* method_;
    QLabel* method_help_;
    QLabel* ratio_label_;
    QSlider* ratio_slider_;
    QDoubleSpinBox* ratio_;
    QTableWidget* types_;
    QLabel* share_caveat_;  // shown while o or down is shared (Basis Sharing paper's caveat)
    QLabel* alpha_label_;
    QComboBox* alpha_;
    QDoubleSpinBox* power_;
    QLabel* alpha_help_;
    QLabel* allocation_label_;
    QComboBox* allocation_;
    QLabel* allocation_help_;
    QLabel* update_label_;
    QComboBox* update_;
    QLabel* update_help_;
    QPushButton* run_update_;
    JobPanel* update_panel_;
    ReportPtr updated_;  // the latest finished update, drawn over the preview while its plan is current
    quint64 update_job_ = 0;
    QLabel* result_;
    QLabel* warnings_;
    QLabel* measure_label_;
    QComboBox* measure_;
    QLabel* type_label_;
    QComboBox* type_;
    PlotView* plot_;
    PlotView* rank_plot_;
};

}  // namespace basislab::gui
