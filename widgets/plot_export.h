// Writing a plot as a figure file (PDF, SVG, PNG) at a chosen physical size, resolution and font
// size, and its data as CSV. Figures are drawn on a fresh, hidden QCustomPlot, so exporting never
// disturbs the plot on screen. Every write is atomic (QSaveFile or a temporary file + rename).
#pragma once

#include "plot_data.h"

#include <QString>

namespace basislab::gui {

enum class FigureFormat { Pdf, Svg, Png };

struct FigureOptions {
    enum class Unit { Centimetres, Inches };
    double width = 12.0;
    double height = 8.0;
    Unit unit = Unit::Centimetres;
    int dpi = 300;  // PNG only
    int font_pt = 9;
    bool publication = true;

    double widthPoints() const;
    double heightPoints() const;
};

QString suffix(FigureFormat format);
/// The format named by a file's suffix (pdf, svg, png; case-insensitive), or false.
bool formatFromPath(const QString& path, FigureFormat* format);

/// Writes `data` as a figure. Returns an empty string on success, else a readable error.
QString exportFigure(const PlotData& data, const FigureOptions& options, FigureFormat format, const QString& path);
/// Writes `text` to `path` atomically (QSaveFile). Returns an empty string or a readable error.
QString writeTextFile(const QString& path, const QString& text);

}  // namespace basislab::gui
