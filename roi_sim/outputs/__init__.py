"""The outputs room: tables, JSON/CSV/Markdown, the council report, charts, the workbook, languages."""
