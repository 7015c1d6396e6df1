// Writing every plot of the window that has data as PNG, PDF and SVG (and its data as CSV) into
// one folder, named by the plot's figure id: input_scale.png, spectrum.pdf, errors.svg, ...
// Used by File ▸ Export All Figures and by `basislab --export-figures DIR`.
#pragma once

#include "plot_export.h"

#include <QList>
#include <QStringList>

namespace basislab::gui {

class PlotView;

struct FigureExportResult {
    QStringList written;  // files written
    QStringList skipped;  // figure ids without data
    QStringList errors;  // readable messages
};

FigureExportResult exportAllFigures(const QList<PlotView*>& plots, const QString& folder,
                                    const FigureOptions& options = {});

}  // namespace basislab::gui
