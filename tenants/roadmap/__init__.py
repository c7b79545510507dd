"""The roadmap of an academic year (Приложение 2 к приказу № 90-од): stages, activities."""
