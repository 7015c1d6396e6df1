#include "model_page.h"

#include "api/job_estimate.h"
#include "job_controller.h"
#include "text_format.h"
#include "workbench_document.h"

#include <QComboBox>
#include <QEvent>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace basislab::gui {
namespace {
const QStringList kDtypes{QStringLiteral("float32"), QStringLiteral("bfloat16"), QStringLiteral("float64"),
                          QStringLiteral("float16")};
}

ModelPage::ModelPage(WorkbenchDocument* document, JobController* jobs, QWidget* parent)
    : QWidget(parent), document_(document), jobs_(jobs) {
    setObjectName(QStringLiteral("modelPage"));
    open_ = new QPushButton(QIcon(QStringLiteral(":/icons/open.svg")), QString());
    open_->setObjectName(QStringLiteral("openModelButton"));
    demo_ = new QPushButton(QIcon(QStringLiteral(":/icons/demo.svg")), QString());
    demo_->setObjectName(QStringLiteral("openDemoButton"));
    path_ = new QLabel;
    path_->setObjectName(QStringLiteral("modelPathLabel"));
    path_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    path_->setWordWrap(true);
    auto* top = new QHBoxLayout;
    top->addWidget(open_);
    top->addWidget(demo_);
    top->addWidget(path_, 1);

    device_ = new QComboBox;
    device_->setObjectName(QStringLiteral("deviceCombo"));
    dtype_ = new QComboBox;
    dtype_->setObjectName(QStringLiteral("dtypeCombo"));
    dtype_->addItems(kDtypes);
    device_label_ = new QLabel;
    device_memory_ = new QLabel;
    device_memory_->setObjectName(QStringLiteral("deviceMemoryLabel"));
    dtype_label_ = new QLabel;
    compute_box_ = new QGroupBox;
    auto* compute = new QHBoxLayout(compute_box_);
    compute->addWidget(device_label_);
    compute->addWidget(device_);
    compute->addWidget(device_memory_);
    compute->addSpacing(16);
    compute->addWidget(dtype_label_);
    compute->addWidget(dtype_);
    compute->addStretch(1);

    architecture_box_ = new QGroupBox;
    architecture_ = new QFormLayout(architecture_box_);
    parameters_box_ = new QGroupBox;
    parameters_ = new QTableWidget(0, 4);
    parameters_->setObjectName(QStringLiteral("parameterTable"));
    parameters_->verticalHeader()->hide();
    parameters_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    parameters_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    parameters_->horizontalHeader()->setStretchLastSection(true);
    parameters_->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    parameters_->setSizeAdjustPolicy(QAbstractScrollArea::AdjustToContents);
    parameters_->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    auto* params_layout = new QVBoxLayout(parameters_box_);
    params_layout->addWidget(parameters_);
    params_layout->addStretch(1);

    estimate_box_ = new QGroupBox;
    estimate_ = new QLabel;
    estimate_->setObjectName(QStringLiteral("calibrationEstimateLabel"));
    estimate_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    estimate_->setWordWrap(true);
    auto* estimate_layout = new QVBoxLayout(estimate_box_);
    estimate_layout->addWidget(estimate_);

    auto* details = new QHBoxLayout;
    details->addWidget(architecture_box_, 2, Qt::AlignTop);
    details->addWidget(parameters_box_, 3, Qt::AlignTop);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(compute_box_);
    layout->addLayout(details);
    layout->addWidget(estimate_box_);
    layout->addStretch(1);

    connect(open_, &QPushButton::clicked, this, &ModelPage::openModelRequested);
    connect(demo_, &QPushButton::clicked, this, &ModelPage::openDemoRequested);
    connect(device_, &QComboBox::activated, this, &ModelPage::computeChosen);
    connect(dtype_, &QComboBox::activated, this, &ModelPage::computeChosen);
    connect(document_, &WorkbenchDocument::modelChanged, this, &ModelPage::showModel);
    connect(document_, &WorkbenchDocument::computeChanged, this, &ModelPage::showCompute);
    connect(document_, &WorkbenchDocument::modelChanged, this, &ModelPage::showEstimate);
    connect(document_, &WorkbenchDocument::computeChanged, this, &ModelPage::showEstimate);
    connect(document_, &WorkbenchDocument::calibrationRequestChanged, this, &ModelPage::showEstimate);
    connect(jobs_, &JobController::devicesChanged, this, &ModelPage::setDevices);
    connect(jobs_, &JobController::deviceInfosChanged, this, &ModelPage::showDeviceMemory);
    connect(device_, &QComboBox::currentTextChanged, this, &ModelPage::showDeviceMemory);
    connect(jobs_, &JobController::busyChanged, this, [this](bool busy) { compute_box_->setEnabled(!busy); });
    setDevices(jobs_->devices());
    retranslate();
}

void ModelPage::setDevices(const QStringList& devices) {
    device_->clear();
    device_->addItems(devices);
    showCompute();
}

void ModelPage::showDeviceMemory() {
    // Each device's name and memory as the worker last read them: in the list's tooltips, and for
    // the chosen one beside the list.
    device_memory_->clear();
    for (const DeviceInfo& d : jobs_->deviceInfos()) {
        const QString id = QString::fromStdString(d.id);
        const QString memory = d.memory.total_bytes == 0 ? tr("memory unknown")
                                                         : tr("%1 total, %2 free")
                                                               .arg(formatBytes(double(d.memory.total_bytes)),
                                                                    formatBytes(double(d.memory.free_bytes)));
        const QString text = d.name.empty() ? memory : QString::fromStdString(d.name) + QStringLiteral(" · ") + memory;
        const int index = device_->findText(id);
        if (index >= 0) device_->setItemData(index, text, Qt::ToolTipRole);
        if (id == device_->currentText()) device_memory_->setText(text);
    }
}

void ModelPage::showEstimate() {
    const ModelInfoPtr& info = document_->modelInfo();
    estimate_box_->setVisible(bool(info));
    if (!info) return;
    const api::CalibrationRequest& request = document_->calibrationRequest();
    const ComputeOptions& compute = document_->compute();
    QString text;
    try {
        const api::JobEstimate e = api::estimateCalibration(*info, request, compute);
        const QString device = e.device_bytes == 0 ? tr("none (CPU)") : formatBytes(double(e.device_bytes));
        text =
            tr("%1 windows × %2 tokens (the Calibration step's settings)").arg(request.windows).arg(request.seq_len) +
            QStringLiteral("\n") +
            tr("Host memory: %1 (weights %2 + working set %3)")
                .arg(formatBytes(double(e.hostBytes())), formatBytes(double(e.weights_bytes)),
                     formatBytes(double(e.working_bytes))) +
            QStringLiteral("\n") + tr("Device memory: %1").arg(device) + QStringLiteral("\n") +
            (request.store_path.empty()
                 ? tr("Disk: %1 for the calibration store (a temporary file in the cache folder until you save it)")
                       .arg(formatBytes(double(e.disk_bytes)))
                 : tr("Disk: %1 for the calibration store %2")
                       .arg(formatBytes(double(e.disk_bytes)), QString::fromStdString(request.store_path)));
    } catch (const std::exception& e) {
        text = QString::fromStdString(e.what());
    }
    estimate_->setText(text);
}

void ModelPage::showCompute() {
    const ComputeOptions& c = document_->compute();
    const QString device = QString::fromStdString(c.device);
    if (device_->findText(device) < 0) device_->addItem(device);
    device_->setCurrentText(device);
    dtype_->setCurrentText(QString::fromStdString(c.dtype));
}

void ModelPage::computeChosen() {
    ComputeOptions c = document_->compute();
    c.device = device_->currentText().toStdString();
    c.dtype = dtype_->currentText().toStdString();
    if (c.device == document_->compute().device && c.dtype == document_->compute().dtype) return;
    Q_EMIT computeRequested(c);
}

void ModelPage::showModel() {
    while (architecture_->rowCount() > 0) architecture_->removeRow(0);
    parameters_->setRowCount(0);
    const ModelInfoPtr& info = document_->modelInfo();
    path_->setText(info ? QString::fromStdString(info->dir)
                        : tr("No model is open. Open a Hugging Face Llama folder (Ctrl+O), drop one here, "
                             "or try the bundled demo."));
    if (!info) return;
    const LlamaConfig& c = info->config;
    const auto row = [this](const QString& label, const QString& value) {
        auto* v = new QLabel(value);
        v->setTextInteractionFlags(Qt::TextSelectableByMouse);
        architecture_->addRow(label, v);
    };
    row(tr("Architecture:"), QStringLiteral("LlamaForCausalLM"));
    row(tr("Layers:"), QString::number(c.num_hidden_layers));
    row(tr("Hidden size:"), QString::number(c.hidden_size));
    row(tr("Intermediate size:"), QString::number(c.intermediate_size));
    row(tr("Attention heads:"),
        tr("%1 (key/value %2, head dim %3)").arg(c.num_attention_heads).arg(c.num_key_value_heads).arg(c.head_dim));
    row(tr("Vocabulary:"), QString::number(c.vocab_size));
    row(tr("Max positions:"), QString::number(c.max_position_embeddings));
    row(tr("Tied embeddings:"), c.tie_word_embeddings ? tr("yes") : tr("no"));
    row(tr("Storage:"),
        tr("%1, %2 in %n file(s)", nullptr, int(info->shard_count))
            .arg(QString::fromStdString(info->storage_dtype), formatBytes(double(info->storage_bytes))));
    row(tr("Memory:"),
        tr("%1 as float32, %2 as bfloat16")
            .arg(formatBytes(double(info->computeBytes(4))), formatBytes(double(info->computeBytes(2)))));
    row(tr("Tokenizer:"), info->has_tokenizer ? tr("tokenizer.model (SentencePiece)") : tr("none"));

    const auto add = [this, info](const QString& name, const QString& shape, qint64 params) {
        const int r = parameters_->rowCount();
        parameters_->insertRow(r);
        parameters_->setItem(r, 0, new QTableWidgetItem(name));
        parameters_->setItem(r, 1, new QTableWidgetItem(shape));
        auto* count = new QTableWidgetItem(formatCount(params));
        count->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        parameters_->setItem(r, 2, count);
        auto* share = new QTableWidgetItem(formatPercent(double(params) / double(info->total_params)));
        share->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        parameters_->setItem(r, 3, share);
    };
    for (std::size_t i = 0; i < kMatrixTypes.size(); ++i) {
        const MatrixType t = kMatrixTypes[i];
        add(QString::fromLatin1(name(t)), QStringLiteral("%1 × %2").arg(c.dIn(t)).arg(c.dOut(t)),
            info->params_per_type[i]);
    }
    add(tr("embedding"), QStringLiteral("%1 × %2").arg(c.vocab_size).arg(c.hidden_size), info->embedding_params);
    if (info->lm_head_params)
        add(tr("lm_head"), QStringLiteral("%1 × %2").arg(c.hidden_size).arg(c.vocab_size), info->lm_head_params);
    add(tr("norms"), QString(), info->norm_params);
    add(tr("total"), QString(), info->total_params);
}

void ModelPage::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) retranslate();
    QWidget::changeEvent(event);
}

void ModelPage::retranslate() {
    open_->setText(tr("Open Model…"));
    open_->setToolTip(tr("Open a Hugging Face Llama folder (config.json, safetensors, tokenizer.model)"));
    demo_->setText(tr("Open Demo Model"));
    demo_->setToolTip(tr("Open the bundled stories260k tiny Llama: the whole pipeline runs in a minute on a CPU"));
    compute_box_->setTitle(tr("Compute"));
    device_label_->setText(tr("Device:"));
    dtype_label_->setText(tr("Compute dtype:"));
    device_->setToolTip(tr("Where LibTorch computes: the CPU or one of the CUDA devices it sees"));
    device_memory_->setToolTip(
        tr("The chosen device's memory when the workbench started: the host's for the CPU, the GPU's for CUDA"));
    showDeviceMemory();
    dtype_->setToolTip(tr("Precision of the forward pass; float16 needs a CUDA device"));
    architecture_box_->setTitle(tr("Architecture"));
    parameters_box_->setTitle(tr("Parameters"));
    parameters_->setHorizontalHeaderLabels(
        {tr("Matrix"), tr("Shape per layer (d_in × d_out)"), tr("Parameters"), tr("Share")});
    parameters_->setToolTip(tr("Parameter counts per matrix type, summed over all layers"));
    estimate_box_->setTitle(tr("Calibration job (estimate)"));
    estimate_box_->setToolTip(
        tr("What calibrating with the current settings needs, from the model's shapes: a "
           "calibration that would not fit on the disk is refused before it starts"));
    showEstimate();
    showModel();
}

}  // namespace basislab::gui
