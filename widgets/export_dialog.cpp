#include "export_dialog.h"

#include "app_settings.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>

namespace basislab::gui {
namespace {
// Index of the format combo: the three figure formats, then CSV.
constexpr int kCsvIndex = 3;
const QStringList kSuffixes{QStringLiteral("pdf"), QStringLiteral("svg"), QStringLiteral("png"), QStringLiteral("csv")};
}  // namespace

ExportDialog::ExportDialog(const QString& base_name, QWidget* parent) : QDialog(parent) {
    setObjectName(QStringLiteral("exportDialog"));
    setWindowTitle(tr("Export Figure"));
    const FigureOptions o = AppSettings::figureOptions();

    path_ = new QLineEdit(QDir(AppSettings::lastFolder(AppSettings::Folder::Export)).filePath(base_name + ".pdf"));
    path_->setToolTip(tr("Where the figure is written; the suffix chooses the format"));
    auto* browse = new QPushButton(tr("Browse…"));
    browse->setToolTip(tr("Choose the file to write"));
    auto* file_row = new QHBoxLayout;
    file_row->addWidget(path_, 1);
    file_row->addWidget(browse);

    format_ = new QComboBox;
    format_->addItems({tr("PDF (vector)"), tr("SVG (vector)"), tr("PNG (raster)"), tr("CSV (the plotted data)")});
    format_->setToolTip(tr("PDF and SVG stay sharp at any zoom; PNG is a bitmap at the chosen resolution"));

    width_ = new QDoubleSpinBox;
    height_ = new QDoubleSpinBox;
    for (QDoubleSpinBox* s : {width_, height_}) {
        s->setDecimals(2);
        s->setRange(0.5, 100.0);
        s->setSingleStep(0.5);
    }
    width_->setValue(o.width);
    height_->setValue(o.height);
    width_->setToolTip(tr("Width of the figure on paper"));
    height_->setToolTip(tr("Height of the figure on paper"));
    unit_ = new QComboBox;
    unit_->addItems({tr("cm"), tr("in")});
    unit_->setCurrentIndex(o.unit == FigureOptions::Unit::Inches ? 1 : 0);
    unit_->setToolTip(tr("Unit of width and height"));
    auto* size_row = new QHBoxLayout;
    size_row->addWidget(width_);
    size_row->addWidget(new QLabel(QStringLiteral("×")));
    size_row->addWidget(height_);
    size_row->addWidget(unit_);

    dpi_ = new QSpinBox;
    dpi_->setRange(10, 2400);
    dpi_->setValue(o.dpi);
    dpi_->setSuffix(tr(" dpi"));
    dpi_->setToolTip(tr("Resolution of PNG images (dots per inch)"));
    font_ = new QSpinBox;
    font_->setRange(4, 72);
    font_->setValue(o.font_pt);
    font_->setSuffix(tr(" pt"));
    font_->setToolTip(tr("Font size of labels, ticks and legend, in points on paper"));
    publication_ = new QCheckBox(tr("Publication style"));
    publication_->setChecked(o.publication);
    publication_->setToolTip(tr("White background, thin axes, legend inside, no title: ready for a paper"));

    auto* form = new QFormLayout;
    form->addRow(tr("File:"), file_row);
    form->addRow(tr("Format:"), format_);
    form->addRow(tr("Size:"), size_row);
    form->addRow(tr("Resolution:"), dpi_);
    form->addRow(tr("Font size:"), font_);
    form->addRow(QString(), publication_);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Export"));
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::accepted, this, &ExportDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &ExportDialog::reject);
    connect(browse, &QPushButton::clicked, this, &ExportDialog::browse);
    connect(format_, &QComboBox::currentIndexChanged, this, &ExportDialog::formatChosen);
    connect(path_, &QLineEdit::textEdited, this, &ExportDialog::pathEdited);
    connect(unit_, &QComboBox::currentIndexChanged, this, &ExportDialog::unitChosen);
    formatChosen();
}

QString ExportDialog::path() const {
    return path_->text();
}

bool ExportDialog::csv() const {
    return format_->currentIndex() == kCsvIndex;
}

FigureFormat ExportDialog::format() const {
    switch (format_->currentIndex()) {
        case 1: return FigureFormat::Svg;
        case 2: return FigureFormat::Png;
        default: return FigureFormat::Pdf;
    }
}

FigureOptions ExportDialog::options() const {
    FigureOptions o;
    o.width = width_->value();
    o.height = height_->value();
    o.unit = unit_->currentIndex() == 1 ? FigureOptions::Unit::Inches : FigureOptions::Unit::Centimetres;
    o.dpi = dpi_->value();
    o.font_pt = font_->value();
    o.publication = publication_->isChecked();
    return o;
}

void ExportDialog::browse() {
    const QString filters = tr("PDF (*.pdf);;SVG (*.svg);;PNG (*.png);;CSV (*.csv)");
    QString selected = filters.split(QStringLiteral(";;")).value(format_->currentIndex());
    const QString file = QFileDialog::getSaveFileName(this, tr("Export Figure"), path(), filters, &selected);
    if (file.isEmpty()) return;
    path_->setText(file);
    pathEdited();
}

void ExportDialog::formatChosen() {
    const bool figure = !csv();
    for (QWidget* w : {static_cast<QWidget*>(width_), static_cast<QWidget*>(height_), static_cast<QWidget*>(unit_),
                       static_cast<QWidget*>(font_), static_cast<QWidget*>(publication_)})
        w->setEnabled(figure);
    dpi_->setEnabled(format() == FigureFormat::Png && figure);
    const QFileInfo info(path());
    const QString wanted = kSuffixes.value(format_->currentIndex());
    if (info.suffix().toLower() != wanted) path_->setText(info.dir().filePath(info.completeBaseName() + '.' + wanted));
}

void ExportDialog::pathEdited() {
    const int index = kSuffixes.indexOf(QFileInfo(path()).suffix().toLower());
    if (index >= 0 && index != format_->currentIndex()) format_->setCurrentIndex(index);
}

void ExportDialog::unitChosen() {
    const double factor = unit_->currentIndex() == 1 ? 1.0 / 2.54 : 2.54;
    width_->setValue(width_->value() * factor);
    height_->setValue(height_->value() * factor);
}

void ExportDialog::accept() {
    AppSettings::setFigureOptions(options());
    AppSettings::rememberFolder(AppSettings::Folder::Export, path());
    QDialog::accept();
}

}  // namespace basislab::gui
