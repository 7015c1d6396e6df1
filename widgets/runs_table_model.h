// The runs table: one row per evaluation, sortable (through a QSortFilterProxyModel on SortRole),
// with a reference run that the ΔPPL column compares against (runs of the same perplexity protocol
// only). After the fixed columns come the zero-shot columns: one accuracy column per task any run
// scored, then the mean accuracy. Exports CSV and a LaTeX table.
#pragma once

#include "api/run_record.h"

#include <QAbstractTableModel>
#include <QVector>

namespace basislab::gui {

class WorkbenchDocument;

class RunsTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        Index,
        Method,
        Ratio,
        Achieved,
        Groups,
        Alpha,
        Refit,
        Ppl,
        DeltaPpl,
        Error,
        Seconds,
        Text,
        Protocol,
        Count  // the zero-shot columns follow
    };
    static constexpr int SortRole = Qt::UserRole + 1;

    explicit RunsTableModel(WorkbenchDocument* document, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    /// The zero-shot tasks any run scored, in order of first appearance: column Count + i is task i's
    /// accuracy, column Count + zeroShotTasks().size() the mean accuracy (when there are tasks).
    const QStringList& zeroShotTasks() const { return tasks_; }

    /// The run the ΔPPL column compares with (-1: none).
    int reference() const { return reference_; }
    void setReference(int row);

    /// Headers and cells again, after the language changed.
    void retranslate();

    /// Every run with every column, numbers at full precision, one header line.
    QString toCsv() const;
    /// A booktabs LaTeX table (method, ratio, groups, α, refit, ppl, error, zero-shot accuracies)
    /// with a caption.
    QString toLatex() const;

private:
    QVariant display(const api::RunRecord& run, int row, int column) const;
    QVariant sortValue(const api::RunRecord& run, int row, int column) const;
    void reload();
    QVariant zeroShotDisplay(const api::RunRecord& run, int column) const;
    /// The accuracy of zero-shot column `column` (task or mean), NaN when the run did not score it.
    double zeroShotValue(const api::RunRecord& run, int column) const;
    QString zeroShotTip(const api::RunRecord& run, int column) const;
    bool hasDelta(const api::RunRecord& run) const;

    WorkbenchDocument* document_;
    int reference_ = -1;
    QStringList tasks_;
};

}  // namespace basislab::gui
