// The pre-chat form, built in code from the preset's field list: required fields marked, the
// e-mail checked, phone numbers normalized when the field loses focus, errors shown at the field.
#pragma once

#include <owidget/presetconfig.h>

#include <QVariantMap>
#include <QWidget>

#include <functional>
#include <optional>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QVBoxLayout;

namespace OWidget {

class FieldForm : public QWidget
{
    Q_OBJECT

public:
    using Normalizer = std::function<std::optional<QString>(const QString &)>;

    explicit FieldForm(QWidget *parent = nullptr);

    void setNormalizer(Normalizer normalizer);
    /// Rebuilds the form; what the visitor already wrote in a field of the same name stays.
    void setFields(const QList<FormField> &fields, const QString &language);
    /// For a callback request the phone is required; without a phone field one is added.
    void setCallbackMode(bool callback);

    /// Checks every field, shows each problem at its field and focuses the first one.
    bool validate();
    QVariantMap values() const;
    /// Puts `values` (name → value) in the fields of those names that are empty.
    void fillEmpty(const QVariantMap &values);
    QString callbackPhone() const;
    QWidget *firstInput() const;
    /// Every input, in order, for the tab chain.
    QList<QWidget *> inputs() const;
    void retranslate();

Q_SIGNALS:
    void submitted();

protected:
    void changeEvent(QEvent *event) override;

private:
    struct Row
    {
        FormField field;
        QString label;
        QLabel *labelWidget = nullptr;
        QWidget *input = nullptr;
        QLabel *error = nullptr;
    };

    Row makeRow(const FormField &field, const QString &label, const QString &value);
    QString valueOf(const Row &row) const;
    bool isRequired(const Row &row) const;
    bool check(Row &row);
    void showError(Row &row, const QString &message);
    void updateLabel(Row &row);
    void colorError(QLabel *error) const;
    Row *phoneRow();

    QVBoxLayout *m_layout;
    QList<Row> m_rows;
    Row m_callbackRow;
    Normalizer m_normalizer;
    bool m_callback = false;
};

} // namespace OWidget
