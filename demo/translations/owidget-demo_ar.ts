<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ar">
<context>
    <name>DemoWindow</name>
    <message>
        <source>Current account  ·  CZ65 0800 0000 1920 0014 5399</source>
        <translation>الحساب الجاري  ·  CZ65 0800 0000 1920 0014 5399</translation>
    </message>
    <message>
        <source>Grocery store</source>
        <translation>بقالة</translation>
    </message>
    <message>
        <source>Salary</source>
        <translation>الراتب</translation>
    </message>
    <message>
        <source>Electricity</source>
        <translation>الكهرباء</translation>
    </message>
    <message>
        <source>Transfer to savings</source>
        <translation>تحويل إلى حساب التوفير</translation>
    </message>
    <message>
        <source>Pharmacy</source>
        <translation>صيدلية</translation>
    </message>
    <message>
        <source>Train tickets</source>
        <translation>تذاكر القطار</translation>
    </message>
    <message>
        <source>d MMM</source>
        <comment>the transactions&apos; date format</comment>
        <translation>d MMM</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>التاريخ</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>الوصف</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>المبلغ</translation>
    </message>
    <message>
        <source>Northwind Bank — OWidget demo</source>
        <translation>بنك نورثويند — عرض OWidget</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>الرئيسية</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>الحسابات</translation>
    </message>
    <message>
        <source>Payments</source>
        <translation>المدفوعات</translation>
    </message>
    <message>
        <source>Cards</source>
        <translation>البطاقات</translation>
    </message>
    <message>
        <source>Signed in as Jana Nováková</source>
        <translation>مسجَّل الدخول باسم Jana Nováková</translation>
    </message>
    <message>
        <source>Developer panel</source>
        <translation>لوحة المطوّر</translation>
    </message>
</context>
<context>
    <name>DeveloperPanel</name>
    <message>
        <source>Custom phone normalization</source>
        <translation>توحيد أرقام الهاتف بطريقة مخصصة</translation>
    </message>
    <message>
        <source>default preset</source>
        <translation>الإعداد المسبق الافتراضي</translation>
    </message>
    <message>
        <source>the application&apos;s: %1</source>
        <translation>لغة التطبيق: %1</translation>
    </message>
    <message>
        <source>none</source>
        <translation>لا شيء</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>الخادم</translation>
    </message>
    <message>
        <source>Company id</source>
        <translation>معرّف الشركة</translation>
    </message>
    <message>
        <source>Preset</source>
        <translation>الإعداد المسبق</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>اللغة</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>النطاق</translation>
    </message>
    <message>
        <source>Disconnect</source>
        <translation>قطع الاتصال</translation>
    </message>
    <message>
        <source>Chat window</source>
        <translation>نافذة الدردشة</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>إضافة</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>الرقم</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>النتيجة</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>الأحداث</translation>
    </message>
    <message>
        <source>null (not a valid number)</source>
        <translation>null (رقم غير صالح)</translation>
    </message>
</context>
</TS>
