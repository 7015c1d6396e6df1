// Step 1, Model: which model is open (folder, architecture, parameter counts per matrix type,
// storage dtype, memory), where it computes (device, compute dtype), and what the calibration job
// with the current settings will need: host memory, device memory and disk (api/job_estimate.h).
#pragma once

#include "base/compute.h"

#include <QWidget>

class QComboBox;
class QFormLayout;
class QGroupBox;
class QLabel;
class QPushButton;
class QTableWidget;

namespace basislab::gui {

class JobController;
class WorkbenchDocument;

class ModelPage : public QWidget {
    Q_OBJECT
public:
    ModelPage(WorkbenchDocument* document, JobController* jobs, QWidget* parent = nullptr);

Q_SIGNALS:
    void openModelRequested();
    void openDemoRequested();
    /// The user chose another device or dtype.
    void computeRequested(const basislab::ComputeOptions& compute);

protected:
    void changeEvent(QEvent* event) override;

private:
    void showModel();
    void showCompute();
    void setDevices(const QStringList& devices);
    void showDeviceMemory();
    void showEstimate();
    void computeChosen();
    void retranslate();

    WorkbenchDocument* document_;
    JobController* jobs_;
    QPushButton* open_;
    QPushButton* demo_;
    QLabel* path_;
    QGroupBox* compute_box_;
    QLabel* device_label_;
    QLabel* dtype_label_;
    QComboBox* device_;
    QComboBox* dtype_;
    QLabel* device_memory_;
    QGroupBox* architecture_box_;
    QFormLayout* architecture_;
    QGroupBox* parameters_box_;
    QTableWidget* parameters_;
    QGroupBox* estimate_box_;
    QLabel* estimate_;
};

}  // namespace basislab::gui
