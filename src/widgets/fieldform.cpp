#include "fieldform_p.h"

#include "colors_p.h"

#include <QEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace OWidget {

namespace {

constexpr int MaxFieldLength = 200;

QColor errorColor(const QPalette &palette)
{
    return Colors::scheme(palette, {}).error;
}

} // namespace

FieldForm::FieldForm(QWidget *parent)
    : QWidget(parent)
    , m_layout(new QVBoxLayout(this))
{
    setObjectName(u"owidgetFieldForm"_s);
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->setSpacing(4);
    FormField phone;
    phone.name = u"callbackPhone"_s;
    phone.type = FormField::Type::Phone;
    phone.required = true;
    m_callbackRow = makeRow(phone, {}, {});
    retranslate();
}

void FieldForm::setNormalizer(Normalizer normalizer)
{
    m_normalizer = std::move(normalizer);
}

FieldForm::Row FieldForm::makeRow(
    const FormField &field, const QString &label, const QString &value)
{
    Row row;
    row.field = field;
    row.label = label;
    row.labelWidget = new QLabel(this);
    row.labelWidget->setTextFormat(Qt::PlainText);
    row.labelWidget->setObjectName(u"owidgetFieldLabel_"_s + field.name);
    if (field.type == FormField::Type::TextArea) {
        auto *edit = new QPlainTextEdit(this);
        edit->setTabChangesFocus(true);
        edit->setPlainText(value);
        edit->setFixedHeight(edit->fontMetrics().lineSpacing() * 4 + 12);
        row.input = edit;
    } else {
        auto *edit = new QLineEdit(this);
        edit->setText(value);
        edit->setMaxLength(MaxFieldLength);
        edit->setMinimumHeight(edit->sizeHint().height() + 8);
        if (field.type == FormField::Type::Email) {
            edit->setInputMethodHints(Qt::ImhEmailCharactersOnly);
        } else if (field.type == FormField::Type::Phone) {
            edit->setInputMethodHints(Qt::ImhDialableCharactersOnly);
            connect(edit, &QLineEdit::editingFinished, this, [this, edit] {
                Row *target = m_callbackRow.input == edit ? &m_callbackRow : nullptr;
                for (Row &r : m_rows) {
                    if (r.input == edit)
                        target = &r;
                }
                if (target && !valueOf(*target).isEmpty())
                    check(*target);
            });
        }
        if (field.type == FormField::Type::Email) {
            connect(edit, &QLineEdit::editingFinished, this, [this, edit] {
                for (Row &r : m_rows) {
                    if (r.input == edit && !valueOf(r).isEmpty())
                        check(r);
                }
            });
        }
        connect(edit, &QLineEdit::returnPressed, this, &FieldForm::submitted);
        row.input = edit;
    }
    // What was wrong with the field goes as soon as the person changes it; the form checks
    // it again when it leaves the field (e-mail, phone) or is sent.
    const auto edited = [this, input = row.input] {
        Row *target = m_callbackRow.input == input ? &m_callbackRow : nullptr;
        for (Row &r : m_rows) {
            if (r.input == input)
                target = &r;
        }
        if (target && target->error && !target->error->isHidden())
            showError(*target, {});
    };
    if (auto *area = qobject_cast<QPlainTextEdit *>(row.input))
        connect(area, &QPlainTextEdit::textChanged, this, edited);
    else if (auto *line = qobject_cast<QLineEdit *>(row.input))
        connect(line, &QLineEdit::textEdited, this, edited);
    row.input->setObjectName(u"owidgetField_"_s + field.name);
    row.labelWidget->setBuddy(row.input);
    row.error = new QLabel(this);
    row.error->setObjectName(u"owidgetFieldError_"_s + field.name);
    row.error->setTextFormat(Qt::PlainText);
    row.error->setWordWrap(true);
    colorError(row.error);
    row.error->hide();
    return row;
}

void FieldForm::setFields(const QList<FormField> &fields, const QString &language)
{
    QHash<QString, QString> previous;
    for (const Row &row : std::as_const(m_rows)) {
        previous.insert(row.field.name, valueOf(row));
        delete row.labelWidget;
        delete row.input;
        delete row.error;
    }
    m_rows.clear();
    for (int i = m_layout->count() - 1; i >= 0; --i)
        delete m_layout->takeAt(i);

    for (const FormField &field : fields)
        m_rows.append(makeRow(field, field.label(language), previous.value(field.name)));
    const auto addRow = [this](const Row &row) {
        m_layout->addWidget(row.labelWidget);
        m_layout->addWidget(row.input);
        m_layout->addWidget(row.error);
        m_layout->addSpacing(6);
    };
    for (const Row &row : std::as_const(m_rows))
        addRow(row);
    addRow(m_callbackRow);
    setCallbackMode(m_callback);
    retranslate();
}

void FieldForm::setCallbackMode(bool callback)
{
    m_callback = callback;
    const bool extra = callback && !phoneRow();
    m_callbackRow.labelWidget->setVisible(extra);
    m_callbackRow.input->setVisible(extra);
    if (!extra)
        m_callbackRow.error->hide();
    for (Row &row : m_rows)
        updateLabel(row);
}

FieldForm::Row *FieldForm::phoneRow()
{
    for (Row &row : m_rows) {
        if (row.field.type == FormField::Type::Phone)
            return &row;
    }
    return nullptr;
}

QString FieldForm::valueOf(const Row &row) const
{
    if (const auto *line = qobject_cast<QLineEdit *>(row.input))
        return line->text().trimmed();
    if (const auto *text = qobject_cast<QPlainTextEdit *>(row.input))
        return text->toPlainText().trimmed();
    return {};
}

bool FieldForm::isRequired(const Row &row) const
{
    if (row.field.required)
        return true;
    if (!m_callback || row.field.type != FormField::Type::Phone)
        return false;
    // In a callback request the first phone field carries the number.
    for (const Row &other : m_rows) {
        if (other.field.type == FormField::Type::Phone)
            return other.input == row.input;
    }
    return false;
}

void FieldForm::updateLabel(Row &row)
{
    const bool required = isRequired(row);
    row.labelWidget->setText(required ? tr("%1 *").arg(row.label) : row.label);
    const QString name = required ? tr("%1 (required)").arg(row.label) : row.label;
    row.input->setAccessibleName(name);
    // Orca reads a field by the label that names it (its buddy), not by the field's own name:
    // the label says "required" in words where it shows "*".
    row.labelWidget->setAccessibleName(name);
}

void FieldForm::showError(Row &row, const QString &message)
{
    row.error->setText(message);
    row.error->setVisible(!message.isEmpty());
    row.input->setAccessibleDescription(message);
}

bool FieldForm::check(Row &row)
{
    static const QRegularExpression email(uR"(^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$)"_s);
    const QString value = valueOf(row);
    if (value.isEmpty()) {
        if (isRequired(row)) {
            showError(row, tr("Please fill in this field."));
            return false;
        }
        showError(row, {});
        return true;
    }
    if (row.field.type == FormField::Type::Email && !email.match(value).hasMatch()) {
        showError(row, tr("Enter an e-mail address such as name@example.com."));
        return false;
    }
    if (row.field.type == FormField::Type::Phone) {
        const std::optional<QString> normalized
            = m_normalizer ? m_normalizer(value) : std::optional<QString>(value);
        if (!normalized) {
            showError(row, tr("This is not a valid phone number."));
            return false;
        }
        if (auto *line = qobject_cast<QLineEdit *>(row.input); line && line->text() != *normalized)
            line->setText(*normalized);
    }
    showError(row, {});
    return true;
}

bool FieldForm::validate()
{
    QWidget *firstInvalid = nullptr;
    for (Row &row : m_rows) {
        if (!check(row) && !firstInvalid)
            firstInvalid = row.input;
    }
    if (m_callbackRow.input->isVisibleTo(this) && !check(m_callbackRow) && !firstInvalid)
        firstInvalid = m_callbackRow.input;
    if (firstInvalid)
        firstInvalid->setFocus(Qt::OtherFocusReason);
    return !firstInvalid;
}

QVariantMap FieldForm::values() const
{
    QVariantMap result;
    for (const Row &row : m_rows) {
        const QString value = valueOf(row);
        if (!value.isEmpty())
            result.insert(row.field.name, value);
    }
    return result;
}

void FieldForm::fillEmpty(const QVariantMap &values)
{
    for (const Row &row : std::as_const(m_rows)) {
        const QString value = values.value(row.field.name).toString();
        if (value.isEmpty() || !valueOf(row).isEmpty())
            continue;
        if (auto *line = qobject_cast<QLineEdit *>(row.input))
            line->setText(value);
        else if (auto *text = qobject_cast<QPlainTextEdit *>(row.input))
            text->setPlainText(value);
    }
}

QString FieldForm::callbackPhone() const
{
    for (const Row &row : m_rows) {
        if (row.field.type == FormField::Type::Phone)
            return valueOf(row);
    }
    return valueOf(m_callbackRow);
}

QWidget *FieldForm::firstInput() const
{
    return m_rows.isEmpty() ? m_callbackRow.input : m_rows.constFirst().input;
}

QList<QWidget *> FieldForm::inputs() const
{
    QList<QWidget *> result;
    for (const Row &row : m_rows)
        result.append(row.input);
    result.append(m_callbackRow.input);
    return result;
}

void FieldForm::colorError(QLabel *error) const
{
    QPalette errorPalette = error->palette();
    errorPalette.setColor(QPalette::WindowText, errorColor(palette()));
    error->setPalette(errorPalette);
}

void FieldForm::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange) {
        // Light or dark: the errors keep a red that reads on the new background.
        for (const Row &row : std::as_const(m_rows))
            colorError(row.error);
        colorError(m_callbackRow.error);
    }
    QWidget::changeEvent(event);
}

void FieldForm::retranslate()
{
    m_callbackRow.label = tr("Phone number for the call back");
    updateLabel(m_callbackRow);
    for (Row &row : m_rows)
        updateLabel(row);
}

} // namespace OWidget
