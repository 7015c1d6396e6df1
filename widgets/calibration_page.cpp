#include "calibration_page.h"

#include "app_settings.h"
#include "calibration_plots.h"
#include "job_controller.h"
#include "job_panel.h"
#include "plot_view.h"
#include "text_format.h"
#include "workbench_document.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QVBoxLayout>

#include <limits>

namespace basislab::gui {

CalibrationPage::CalibrationPage(WorkbenchDocument* document, JobController* jobs, QWidget* parent)
    : QWidget(parent), document_(document), jobs_(jobs) {
    setObjectName(QStringLiteral("calibrationPage"));
    settings_box_ = new QGroupBox;
    text_label_ = new QLabel;
    text_ = new QLineEdit;
    text_->setObjectName(QStringLiteral("calibrationTextEdit"));
    browse_ = new QPushButton;
    store_label_ = new QLabel;
    store_ = new QLineEdit;
    store_->setObjectName(QStringLiteral("calibrationStoreEdit"));
    store_browse_ = new QPushButton;
    windows_label_ = new QLabel;
    windows_ = new QSpinBox;
    windows_->setObjectName(QStringLiteral("calibrationWindowsSpin"));
    windows_->setRange(1, 1000000);
    seq_len_label_ = new QLabel;
    seq_len_ = new QSpinBox;
    seq_len_->setObjectName(QStringLiteral("calibrationSeqLenSpin"));
    seq_len_->setRange(2, 32768);
    shuffle_ = new QCheckBox;
    shuffle_->setObjectName(QStringLiteral("calibrationShuffleCheck"));
    seed_ = new QSpinBox;
    seed_->setObjectName(QStringLiteral("calibrationSeedSpin"));
    seed_->setRange(0, std::numeric_limits<int>::max());
    fisher_ = new QCheckBox;
    fisher_->setObjectName(QStringLiteral("calibrationFisherCheck"));
    run_ = new QPushButton(QIcon(QStringLiteral(":/icons/run.svg")), QString());
    run_->setObjectName(QStringLiteral("calibrateButton"));
    load_ = new QPushButton(QIcon(QStringLiteral(":/icons/open.svg")), QString());
    load_->setObjectName(QStringLiteral("loadCalibrationButton"));
    save_ = new QPushButton(QIcon(QStringLiteral(":/icons/save.svg")), QString());
    save_->setObjectName(QStringLiteral("saveCalibrationButton"));
    panel_ = new JobPanel(jobs_, {JobKind::Calibrate, JobKind::LoadCalibration, JobKind::SaveCalibration},
                          QStringLiteral("calibration"));
    summary_ = new QLabel;
    summary_->setObjectName(QStringLiteral("calibrationSummaryLabel"));
    summary_->setWordWrap(true);

    auto* grid = new QGridLayout(settings_box_);
    grid->addWidget(text_label_, 0, 0);
    grid->addWidget(text_, 0, 1, 1, 5);
    grid->addWidget(browse_, 0, 6);
    grid->addWidget(windows_label_, 1, 0);
    grid->addWidget(windows_, 1, 1);
    grid->addWidget(seq_len_label_, 1, 2);
    grid->addWidget(seq_len_, 1, 3);
    grid->addWidget(shuffle_, 1, 4);
    grid->addWidget(seed_, 1, 5);
    grid->addWidget(fisher_, 2, 0, 1, 4);
    grid->addWidget(store_label_, 3, 0);
    grid->addWidget(store_, 3, 1, 1, 5);
    grid->addWidget(store_browse_, 3, 6);
    grid->setColumnStretch(5, 1);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(run_);
    buttons->addWidget(load_);
    buttons->addWidget(save_);
    buttons->addWidget(panel_, 1);
    grid->addLayout(buttons, 4, 0, 1, 7);
    grid->addWidget(summary_, 5, 0, 1, 7);

    scale_tab_ = new QWidget;
    measure_label_ = new QLabel;
    measure_ = new QComboBox;
    measure_->setObjectName(QStringLiteral("scaleMeasureCombo"));
    scale_plot_ = new PlotView(QStringLiteral("input_scale"));
    auto* scale_controls = new QHBoxLayout;
    scale_controls->addWidget(measure_label_);
    scale_controls->addWidget(measure_);
    scale_controls->addStretch(1);
    auto* scale_layout = new QVBoxLayout(scale_tab_);
    scale_layout->addLayout(scale_controls);
    scale_layout->addWidget(scale_plot_, 1);

    spectrum_tab_ = new QWidget;
    site_label_ = new QLabel;
    site_ = new QComboBox;
    site_->setObjectName(QStringLiteral("spectrumSiteCombo"));
    normalised_ = new QCheckBox;
    normalised_->setObjectName(QStringLiteral("spectrumNormalisedCheck"));
    normalised_->setChecked(true);
    layers_ = new QListWidget;
    layers_->setObjectName(QStringLiteral("spectrumLayerList"));
    layers_->setMaximumWidth(130);
    spectrum_plot_ = new PlotView(QStringLiteral("spectrum"));
    auto* spectrum_controls = new QHBoxLayout;
    spectrum_controls->addWidget(site_label_);
    spectrum_controls->addWidget(site_);
    spectrum_controls->addWidget(normalised_);
    spectrum_controls->addStretch(1);
    auto* spectrum_body = new QHBoxLayout;
    spectrum_body->addWidget(layers_);
    spectrum_body->addWidget(spectrum_plot_, 1);
    auto* spectrum_layout = new QVBoxLayout(spectrum_tab_);
    spectrum_layout->addLayout(spectrum_controls);
    spectrum_layout->addLayout(spectrum_body, 1);

    alpha_tab_ = new QWidget;
    alpha_type_label_ = new QLabel;
    alpha_type_ = new QComboBox;
    alpha_type_->setObjectName(QStringLiteral("alphaTypeCombo"));
    for (MatrixType t : kMatrixTypes) alpha_type_->addItem(QString::fromLatin1(name(t)));
    alpha_group_label_ = new QLabel;
    alpha_group_ = new QSpinBox;
    alpha_group_->setObjectName(QStringLiteral("alphaGroupSpin"));
    alpha_group_->setRange(0, 1024);
    alpha_plot_ = new PlotView(QStringLiteral("alpha"));
    auto* alpha_controls = new QHBoxLayout;
    alpha_controls->addWidget(alpha_type_label_);
    alpha_controls->addWidget(alpha_type_);
    alpha_controls->addSpacing(16);
    alpha_controls->addWidget(alpha_group_label_);
    alpha_controls->addWidget(alpha_group_);
    alpha_controls->addStretch(1);
    auto* alpha_layout = new QVBoxLayout(alpha_tab_);
    alpha_layout->addLayout(alpha_controls);
    alpha_layout->addWidget(alpha_plot_, 1);

    tabs_ = new QTabWidget;
    tabs_->setObjectName(QStringLiteral("calibrationPlotTabs"));
    tabs_->addTab(scale_tab_, QString());
    tabs_->addTab(spectrum_tab_, QString());
    tabs_->addTab(alpha_tab_, QString());

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(settings_box_);
    layout->addWidget(tabs_, 1);

    connect(browse_, &QPushButton::clicked, this, &CalibrationPage::browseText);
    connect(text_, &QLineEdit::editingFinished, this, &CalibrationPage::requestEdited);
    connect(store_, &QLineEdit::editingFinished, this, &CalibrationPage::requestEdited);
    connect(store_browse_, &QPushButton::clicked, this, &CalibrationPage::browseStore);
    for (QSpinBox* s : {windows_, seq_len_, seed_})
        connect(s, &QSpinBox::valueChanged, this, &CalibrationPage::requestEdited);
    connect(shuffle_, &QCheckBox::toggled, this, &CalibrationPage::requestEdited);
    connect(fisher_, &QCheckBox::toggled, this, &CalibrationPage::requestEdited);
    connect(run_, &QPushButton::clicked, this, &CalibrationPage::calibrate);
    connect(load_, &QPushButton::clicked, this, &CalibrationPage::loadWithDialog);
    connect(save_, &QPushButton::clicked, this, &CalibrationPage::saveWithDialog);
    connect(alpha_type_, &QComboBox::currentIndexChanged, this, &CalibrationPage::updateAlphaPlot);
    connect(alpha_group_, &QSpinBox::valueChanged, this, &CalibrationPage::updateAlphaPlot);
    connect(document_, &WorkbenchDocument::planChanged, this, &CalibrationPage::updateAlphaPlot);
    connect(document_, &WorkbenchDocument::calibrationPathChanged, this, &CalibrationPage::showCalibration);
    connect(document_, &WorkbenchDocument::modelChanged, this, &CalibrationPage::updateButtons);
    connect(jobs_, &JobController::busyChanged, this, &CalibrationPage::updateButtons);
    connect(jobs_, &JobController::jobFailed, this, [this](quint64 id, JobKind kind, const QString& text) {
        if (!mine_.remove(id)) return;
        if (kind == JobKind::Calibrate) Q_EMIT failed(tr("Calibration failed"), text);
        if (kind == JobKind::LoadCalibration) Q_EMIT failed(tr("Cannot load the calibration"), text);
        if (kind == JobKind::SaveCalibration) Q_EMIT failed(tr("Cannot save the calibration"), text);
    });
    connect(jobs_, &JobController::jobCancelled, this, [this](quint64 id, JobKind kind) {
        if (mine_.remove(id) && kind == JobKind::Calibrate) Q_EMIT message(tr("Calibration cancelled"));
    });
    connect(jobs_, &JobController::jobFinished, this, [this](quint64 id) { mine_.remove(id); });
    connect(measure_, &QComboBox::currentIndexChanged, this, &CalibrationPage::updateScalePlot);
    connect(site_, &QComboBox::currentIndexChanged, this, &CalibrationPage::updateSpectrumPlot);
    connect(normalised_, &QCheckBox::toggled, this, &CalibrationPage::updateSpectrumPlot);
    connect(layers_, &QListWidget::itemChanged, this, &CalibrationPage::updateSpectrumPlot);
    connect(document_, &WorkbenchDocument::calibrationRequestChanged, this, &CalibrationPage::showRequest);
    connect(document_, &WorkbenchDocument::calibrationChanged, this, &CalibrationPage::calibrationChanged);
    showRequest();
    retranslate();
    calibrationChanged();
}

void CalibrationPage::showRequest() {
    const api::CalibrationRequest& r = document_->calibrationRequest();
    const QSignalBlocker b1(windows_), b2(seq_len_), b3(seed_), b4(shuffle_), b5(fisher_);
    text_->setText(QString::fromStdString(r.text_path));
    store_->setText(QString::fromStdString(r.store_path));
    windows_->setValue(r.windows);
    seq_len_->setValue(r.seq_len);
    shuffle_->setChecked(r.seed.has_value());
    fisher_->setChecked(r.fisher);
    seed_->setValue(r.seed ? int(*r.seed) : 0);
    seed_->setEnabled(r.seed.has_value());
}

void CalibrationPage::requestEdited() {
    api::CalibrationRequest r;
    r.text_path = text_->text().toStdString();
    r.windows = windows_->value();
    r.seq_len = seq_len_->value();
    if (shuffle_->isChecked()) r.seed = std::uint64_t(seed_->value());
    r.fisher = fisher_->isChecked();
    r.store_path = store_->text().trimmed().toStdString();
    seed_->setEnabled(shuffle_->isChecked());
    document_->setCalibrationRequest(r);
}

void CalibrationPage::browseStore() {
    const QString file = QFileDialog::getSaveFileName(this, tr("Calibration Store"),
                                                      AppSettings::lastFolder(AppSettings::Folder::Calibration),
                                                      tr("HDF5 calibrations (*.h5);;All files (*)"));
    if (file.isEmpty()) return;
    AppSettings::rememberFolder(AppSettings::Folder::Calibration, file);
    store_->setText(file);
    requestEdited();
}

void CalibrationPage::browseText() {
    const QString file =
        QFileDialog::getOpenFileName(this, tr("Calibration Text"), AppSettings::lastFolder(AppSettings::Folder::Text),
                                     tr("Text files (*.txt *.raw);;All files (*)"));
    if (file.isEmpty()) return;
    AppSettings::rememberFolder(AppSettings::Folder::Text, file);
    text_->setText(file);
    requestEdited();
}

void CalibrationPage::calibrate() {
    requestEdited();
    if (!document_->modelInfo() || jobs_->busy()) return;
    if (document_->calibrationRequest().text_path.empty()) {
        Q_EMIT failed(tr("Calibration"), tr("Choose a text file to calibrate on."));
        return;
    }
    mine_.insert(jobs_->calibrate(document_->calibrationRequest()));
}

void CalibrationPage::loadWithDialog() {
    const QString path = QFileDialog::getOpenFileName(this, tr("Load Calibration"),
                                                      AppSettings::lastFolder(AppSettings::Folder::Calibration),
                                                      tr("Calibrations (*.h5 *.hdf5);;All files (*)"));
    if (path.isEmpty()) return;
    AppSettings::rememberFolder(AppSettings::Folder::Calibration, path);
    mine_.insert(jobs_->loadCalibration(path));
}

void CalibrationPage::saveWithDialog() {
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Save Calibration"),
        QDir(AppSettings::lastFolder(AppSettings::Folder::Calibration)).filePath(QStringLiteral("calibration.h5")),
        tr("Calibrations (*.h5)"));
    if (path.isEmpty()) return;
    AppSettings::rememberFolder(AppSettings::Folder::Calibration, path);
    mine_.insert(jobs_->saveCalibration(path));
}

void CalibrationPage::updateButtons() {
    const bool model = bool(document_->modelInfo()), idle = !jobs_->busy();
    run_->setEnabled(model && idle);
    load_->setEnabled(model && idle);
    save_->setEnabled(bool(document_->calibration()) && idle);
}

void CalibrationPage::calibrationChanged() {
    const CalibrationPtr& c = document_->calibration();
    {
        const QSignalBlocker block(layers_);
        layers_->clear();
        for (int l = 0; c && l < c->layers; ++l) {
            auto* item = new QListWidgetItem(layers_);
            item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
            // Start with a few layers spread over the depth: first, middle, last.
            const bool shown = l == 0 || l == c->layers - 1 || l == c->layers / 2;
            item->setCheckState(shown ? Qt::Checked : Qt::Unchecked);
        }
    }
    showCalibration();
}

void CalibrationPage::showCalibration() {
    const CalibrationPtr& c = document_->calibration();
    for (int l = 0; l < layers_->count(); ++l) layers_->item(l)->setText(tr("layer %1").arg(l));
    if (c) {
        const CalibrationSettings& s = c->settings;
        summary_->setText(tr("%1 windows × %2 tokens of %3 (%4 tokens per site), %5 on %6 (%7); took %8")
                              .arg(s.windows)
                              .arg(s.seq_len)
                              .arg(QFileInfo(QString::fromStdString(s.text_path)).fileName())
                              .arg(formatCount(c->tokens))
                              .arg(QString::fromStdString(s.dtype), QString::fromStdString(s.device))
                              .arg(document_->calibrationPath().isEmpty()
                                       ? tr("not saved")
                                       : QFileInfo(document_->calibrationPath()).fileName())
                              .arg(formatDuration(c->seconds)));
    } else {
        summary_->setText(tr("No calibration yet: run one on a text, or load a saved one."));
    }
    updateScalePlot();
    updateSpectrumPlot();
    updateAlphaPlot();
    updateButtons();
}

void CalibrationPage::updateScalePlot() {
    const CalibrationPtr& c = document_->calibration();
    const int i = std::max(0, measure_->currentIndex());
    scale_plot_->setData(c ? makeInputScalePlot(*c, kInputScaleMeasures[i]) : PlotData{});
}

void CalibrationPage::updateSpectrumPlot() {
    const CalibrationPtr& c = document_->calibration();
    QVector<int> layers;
    for (int i = 0; i < layers_->count(); ++i)
        if (layers_->item(i)->checkState() == Qt::Checked) layers << i;
    const Site site = kSites[std::size_t(std::max(0, site_->currentIndex()))];
    spectrum_plot_->setData(c ? makeSpectrumPlot(*c, site, layers, normalised_->isChecked()) : PlotData{});
}

void CalibrationPage::updateAlphaPlot() {
    const CalibrationPtr& c = document_->calibration();
    const MatrixType type = kMatrixTypes[std::size_t(std::max(0, alpha_type_->currentIndex()))];
    const AlphaForm& chosen = document_->plan().alpha;
    alpha_plot_->setData(c ? makeAlphaPlot(*c, type, alpha_group_->value(), gramAlphaForms(&chosen)) : PlotData{});
}

void CalibrationPage::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) retranslate();
    QWidget::changeEvent(event);
}

void CalibrationPage::retranslate() {
    settings_box_->setTitle(tr("Calibration data"));
    text_label_->setText(tr("Text:"));
    text_->setToolTip(tr("UTF-8 text the calibration windows are cut from"));
    browse_->setText(tr("Browse…"));
    browse_->setToolTip(tr("Choose the calibration text"));
    store_label_->setText(tr("Store:"));
    store_->setPlaceholderText(tr("a temporary file in the cache folder, removed unless you save it"));
    store_->setToolTip(
        tr("The HDF5 file the Grams are written to, layer by layer; the workbench reads them "
           "from it when it needs them"));
    store_browse_->setText(tr("Browse…"));
    store_browse_->setToolTip(tr("Choose where the calibration store is written"));
    windows_label_->setText(tr("Windows:"));
    windows_->setToolTip(tr("Number of calibration windows N"));
    seq_len_label_->setText(tr("Sequence length:"));
    seq_len_->setToolTip(tr("Tokens per window L, including BOS"));
    shuffle_->setText(tr("Shuffle with seed"));
    shuffle_->setToolTip(tr("Pick N random windows of the text with this seed; off: the first N windows in order"));
    seed_->setToolTip(tr("Seed of the window shuffle"));

    {
        const QSignalBlocker block(measure_);
        const int current = std::max(0, measure_->currentIndex());
        measure_->clear();
        for (InputScaleMeasure m : kInputScaleMeasures) measure_->addItem(inputScaleMeasureLabel(m));
        measure_->setCurrentIndex(current);
    }
    measure_label_->setText(tr("Scale measure:"));
    measure_->setToolTip(tr("How the size of a site's input is measured per layer (N: calibration tokens)"));
    {
        const QSignalBlocker block(site_);
        const int current = std::max(0, site_->currentIndex());
        site_->clear();
        for (Site s : kSites) site_->addItem(siteLabel(s));
        site_->setCurrentIndex(current);
    }
    site_label_->setText(tr("Site:"));
    site_->setToolTip(tr("Which input's Gram G = XᵀX to show"));
    normalised_->setText(tr("Normalised"));
    normalised_->setToolTip(tr("On: each eigenvalue's share of the trace; off: eigenvalues divided by the tokens N"));
    layers_->setToolTip(tr("Layers whose spectra are drawn"));
    fisher_->setText(tr("Also accumulate Fisher diagonals (for FWSVD; slower)"));
    fisher_->setToolTip(tr("Gradients of the language-model loss per weight, needed by the FWSVD method"));
    run_->setText(tr("Calibrate"));
    run_->setToolTip(tr("Run the model over the windows on the worker thread and accumulate the Grams (Ctrl+R)"));
    load_->setText(tr("Load…"));
    load_->setToolTip(tr("Load a saved calibration (HDF5) of this model"));
    save_->setText(tr("Save…"));
    save_->setToolTip(tr("Save the calibration as an HDF5 file (readable with h5py)"));
    alpha_type_label_->setText(tr("Matrix type:"));
    alpha_type_->setToolTip(
        tr("Whose input Grams weigh the layers: q, k, v read attn_in, o reads o_in, gate and up "
           "read mlp_in, down reads down_in"));
    alpha_group_label_->setText(tr("Layers per group:"));
    alpha_group_->setSpecialValueText(tr("all"));
    alpha_group_->setToolTip(
        tr("How many consecutive layers share a basis (all: one group); α is normalised to "
           "mean 1 within each group"));
    alpha_plot_->setPlaceholder(tr("No calibration yet: run or load one to see the α each form gives."));
    tabs_->setTabText(2, tr("α per layer"));
    tabs_->setTabToolTip(2, tr("The layer weights α_l of the input scale calibration forms (inverse output "
                               "energy needs the weights: see its effect in step 3)"));
    tabs_->setTabText(0, tr("Input scale"));
    tabs_->setTabText(1, tr("Spectrum"));
    tabs_->setTabToolTip(0, tr("Per-layer input scale of each site, log scale"));
    tabs_->setTabToolTip(1, tr("Eigenvalues of the Gram of chosen layers, log scale"));
    scale_plot_->setPlaceholder(tr("No calibration yet: run or load one to see the input scale per layer."));
    spectrum_plot_->setPlaceholder(tr("No calibration yet: run or load one to see the Gram spectra."));
    showCalibration();
}

}  // namespace basislab::gui
