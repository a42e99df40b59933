const { src, dest } = require('gulp');

/** Copies icons and each node's codex (.node.json) next to the compiled nodes in dist. */
function buildIcons() {
	return src(['nodes/**/*.{png,svg,json}', 'credentials/**/*.{png,svg}', 'icons/**/*.svg'], {
		base: '.',
		encoding: false,
	}).pipe(dest('dist'));
}

exports['build:icons'] = buildIcons;
