/* placeholder: replaced by the real test; 77 makes meson report SKIP until then */
int main (void) { return 77; }
