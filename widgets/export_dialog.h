// The "Export figure" dialog of a plot: file, format (PDF, SVG, PNG or the data as CSV), size in
// centimetres or inches, resolution, font size and the publication style. Remembers its choices.
#pragma once

#include "plot_export.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLineEdit;
class QSpinBox;

namespace basislab::gui {

class ExportDialog : public QDialog {
    Q_OBJECT
public:
    /// `base_name` is the suggested file name without suffix.
    ExportDialog(const QString& base_name, QWidget* parent = nullptr);

    QString path() const;
    bool csv() const;
    FigureFormat format() const;
    FigureOptions options() const;

    void accept() override;

private:
    void browse();
    void formatChosen();
    void pathEdited();
    void unitChosen();

    QLineEdit* path_;
    QComboBox* format_;
    QDoubleSpinBox* width_;
    QDoubleSpinBox* height_;
    QComboBox* unit_;
    QSpinBox* dpi_;
    QSpinBox* font_;
    QCheckBox* publication_;
};

}  // namespace basislab::gui
