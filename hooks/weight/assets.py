"""The site ships only what it uses: Material's source maps are left out (nobody reading the
report needs them; 1 MB in the zip). Its stylesheets are trimmed by weight/stylesheet.py."""


def drop_source_maps(files) -> None:
    for file in [f for f in files if f.src_uri.endswith(".map")]:
        files.remove(file)
