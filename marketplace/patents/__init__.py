"""The patent register: numbers, bibliographic data, owners, encumbrances, import."""
