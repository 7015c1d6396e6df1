// Step 2, Calibration: the calibration settings (text, windows, sequence length, seed), running
// or loading a calibration, and its plots: per-layer input scale per site, Gram eigen-spectra.
#pragma once

#include <QSet>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QGroupBox;
class QHBoxLayout;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSpinBox;
class QTabWidget;

namespace basislab::gui {

class JobController;
class JobPanel;
class PlotView;
class WorkbenchDocument;

class CalibrationPage : public QWidget {
    Q_OBJECT
public:
    CalibrationPage(WorkbenchDocument* document, JobController* jobs, QWidget* parent = nullptr);

    PlotView* scalePlot() const { return scale_plot_; }
    PlotView* spectrumPlot() const { return spectrum_plot_; }
    PlotView* alphaPlot() const { return alpha_plot_; }
    QTabWidget* plotTabs() const { return tabs_; }

public Q_SLOTS:
    /// Runs a calibration with the page's settings on the worker (Ctrl+R).
    void calibrate();
    void loadWithDialog();
    void saveWithDialog();

Q_SIGNALS:
    void message(const QString& text);
    void failed(const QString& title, const QString& text);

protected:
    void changeEvent(QEvent* event) override;

private:
    void showRequest();
    void requestEdited();
    void browseText();
    void browseStore();
    void calibrationChanged();
    /// Summary line and plots of the current calibration (after a change or a language switch).
    void showCalibration();
    void updateScalePlot();
    void updateSpectrumPlot();
    void updateAlphaPlot();
    void updateButtons();
    void retranslate();

    WorkbenchDocument* document_;
    JobController* jobs_;
    QSet<quint64> mine_;  // jobs this page started (their failures are reported here)
    QGroupBox* settings_box_;
    QLabel* text_label_;
    QLineEdit* text_;
    QPushButton* browse_;
    QLabel* store_label_;
    QLineEdit* store_;  // the store to calibrate into; empty: a temporary one in the cache folder
    QPushButton* store_browse_;
    QLabel* windows_label_;
    QSpinBox* windows_;
    QLabel* seq_len_label_;
    QSpinBox* seq_len_;
    QCheckBox* shuffle_;
    QSpinBox* seed_;
    QCheckBox* fisher_;
    QPushButton* run_;
    QPushButton* load_;
    QPushButton* save_;
    JobPanel* panel_;
    QLabel* summary_;
    QTabWidget* tabs_;
    QWidget* scale_tab_;
    QLabel* measure_label_;
    QComboBox* measure_;
    PlotView* scale_plot_;
    QWidget* spectrum_tab_;
    QLabel* site_label_;
    QComboBox* site_;
    QCheckBox* normalised_;
    QListWidget* layers_;
    PlotView* spectrum_plot_;
    QWidget* alpha_tab_;
    QLabel* alpha_type_label_;
    QComboBox* alpha_type_;
    QLabel* alpha_group_label_;
    QSpinBox* alpha_group_;
    PlotView* alpha_plot_;
};

}  // namespace basislab::gui
