#include "figure_export.h"

#include "plot_view.h"

#include <QDir>

namespace basislab::gui {

FigureExportResult exportAllFigures(const QList<PlotView*>& plots, const QString& folder,
                                    const FigureOptions& options) {
    FigureExportResult result;
    if (!QDir().mkpath(folder)) {
        result.errors << QStringLiteral("cannot create the folder %1").arg(folder);
        return result;
    }
    const QDir dir(folder);
    for (PlotView* view : plots) {
        if (view->data().isEmpty()) {
            result.skipped << view->figureId();
            continue;
        }
        for (FigureFormat format : {FigureFormat::Png, FigureFormat::Pdf, FigureFormat::Svg}) {
            const QString path = dir.filePath(view->figureId() + QLatin1Char('.') + suffix(format));
            const QString error = exportFigure(view->data(), options, format, path);
            if (error.isEmpty())
                result.written << path;
            else
                result.errors << error;
        }
        const QString csv = dir.filePath(view->figureId() + QStringLiteral(".csv"));
        const QString error = writeTextFile(csv, toCsv(view->data()));
        if (error.isEmpty())
            result.written << csv;
        else
            result.errors << error;
    }
    return result;
}

}  // namespace basislab::gui
