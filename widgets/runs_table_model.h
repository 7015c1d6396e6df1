// The runs table: one row per evaluation, sortable (through a QSortFilterProxyModel on SortRole),
// with a reference run that the ΔPPL column compares against. Exports CSV and a LaTeX table.
#pragma once

#include "api/run_record.h"

#include <QAbstractTableModel>
#include <QVector>

namespace basislab::gui {

class WorkbenchDocument;

class RunsTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Index, Method, Ratio, Achieved, Groups, Alpha, Refit, Ppl, DeltaPpl, Error, Seconds, Text, Count };
    static constexpr int SortRole = Qt::UserRole + 1;

    explicit RunsTableModel(WorkbenchDocument* document, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    /// The run the ΔPPL column compares with (-1: none).
    int reference() const { return reference_; }
    void setReference(int row);

    /// Headers and cells again, after the language changed.
    void retranslate();

    /// Every run with every column, numbers at full precision, one header line.
    QString toCsv() const;
    /// A booktabs LaTeX table (method, ratio, groups, α, refit, ppl, error) with a caption.
    QString toLatex() const;

private:
    QVariant display(const api::RunRecord& run, int row, int column) const;
    QVariant sortValue(const api::RunRecord& run, int row, int column) const;
    void reload();

    WorkbenchDocument* document_;
    int reference_ = -1;
};

}  // namespace basislab::gui
