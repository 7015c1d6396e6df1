// Draws a PlotData on a QCustomPlot, in the interactive screen style or the "publication" style
// (white background, no interactions or selection, thin axes, legend inside, no title).
#pragma once

#include "plot_data.h"

#include <QColor>

class QCustomPlot;

namespace basislab::gui {

struct PlotStyle {
    bool publication = false;
    /// Font size in the plot's logical units (for export, where one unit is one point); 0 keeps
    /// the widget's own font (on screen).
    int font_units = 0;
    /// Scale of pens: 1 on screen (cosmetic pixels); in points for export.
    double line_width = 1.5;
};

/// The series colours: Okabe-Ito, readable by colour-blind readers and in greyscale print.
QColor seriesColor(int index);

/// Replaces everything on `plot` with `data` drawn in `style`, and rescales the axes.
void renderPlot(QCustomPlot& plot, const PlotData& data, const PlotStyle& style);

}  // namespace basislab::gui
