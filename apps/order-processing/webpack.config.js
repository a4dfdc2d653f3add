module.exports = require('../../tools/presets/webpack-app')(__dirname);
